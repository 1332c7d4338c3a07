# accessnews in a container: Debian with the same set-up script as a checkout (./dev setup).
#   docker build -t accessnews .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/work" accessnews render story.html -o out/
FROM debian:bookworm-slim
# apt-get clean: Docker Hub's Debian images drop downloaded .debs by themselves (docker-clean),
# other Debian bases (debootstrap, a mirror's image) keep them: ~280 MB in /var/cache/apt.
RUN apt-get update -qq \
    && apt-get install -y -qq --no-install-recommends python3 ca-certificates \
    && apt-get clean && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/accessnews
COPY . .
RUN ./dev setup && apt-get clean && rm -rf /var/lib/apt/lists/* /root/.cache/pip
# A home any user id can write: with --user (so the files written into a mounted folder belong
# to the caller, not root) HOME would be "/", and the language model cache
# (~/.cache/accessnews) and espeak-ng's audio library (~/.config/pulse) could not write there.
RUN mkdir -m 1777 /home/accessnews
ENV PATH=/opt/accessnews/.venv/bin:$PATH HOME=/home/accessnews
WORKDIR /work
ENTRYPOINT ["accessnews"]
CMD ["--help"]
