# accessnews in a container: Debian with the same set-up script as a checkout (./dev setup).
#   docker build -t accessnews .
#   docker run --rm -v "$PWD:/work" accessnews render story.html -o out/
FROM debian:bookworm-slim
RUN apt-get update -qq \
    && apt-get install -y -qq --no-install-recommends python3 ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/accessnews
COPY . .
RUN ./dev setup && rm -rf /var/lib/apt/lists/* /root/.cache/pip
ENV PATH=/opt/accessnews/.venv/bin:$PATH
WORKDIR /work
ENTRYPOINT ["accessnews"]
CMD ["--help"]
