# The sandbox image: Debian with Python 3.12, Node.js 22, git, the GitHub CLI, build-essential,
# the pinned OpenCode (tools/opencode's lock) and the sandbox supervisor, run as uid 1000. The
# Kubernetes provider runs it twice in each pod, with a read-only root filesystem: the `supervisor`
# container runs the entrypoint below (the supervisor, with the pod's Secret, its own /tmp and its
# log folder /var/log/codinspect), and the `agent` container runs the runner instead
# (`java -Xmx96m -jar /opt/codinspect/supervisor.jar runner`, no Secret, its own /tmp), which starts
# OpenCode and runs the hooks and git for the supervisor. Only /workspace is shared
# (docs/deploy-kubernetes.md). Build from the repository root after `mvn -B -DskipTests package`:
#   docker build -f deploy/docker/sandbox.Dockerfile -t codinspect/sandbox:dev .
FROM node:22-bookworm-slim AS node
FROM eclipse-temurin:21-jre-noble AS jre

FROM python:3.12-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates curl gnupg build-essential openssh-client \
 && curl -fsSL https://cli.github.com/packages/githubcli-archive-keyring.gpg \
      -o /usr/share/keyrings/githubcli-archive-keyring.gpg \
 && echo "deb [signed-by=/usr/share/keyrings/githubcli-archive-keyring.gpg] https://cli.github.com/packages stable main" \
      > /etc/apt/sources.list.d/github-cli.list \
 && apt-get update && apt-get install -y --no-install-recommends gh \
 && rm -rf /var/lib/apt/lists/*
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:$PATH

# the pinned OpenCode and the plugin package its custom tools import, from the committed lock
WORKDIR /opt/opencode
COPY tools/opencode/package.json tools/opencode/package-lock.json ./
RUN npm install --no-save --no-audit --no-fund && npm cache clean --force

COPY sandbox-supervisor/target/sandbox-supervisor-exec.jar /opt/codinspect/supervisor.jar
RUN groupadd --gid 1000 sandbox && useradd --uid 1000 --gid sandbox --create-home --home-dir /home/sandbox sandbox \
 && mkdir -p /workspace && chown sandbox:sandbox /workspace
USER 1000:1000
ENV HOME=/home/sandbox
WORKDIR /workspace
# the heap follows the supervisor container's memory limit (512Mi by default: 256m)
ENTRYPOINT ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:MaxRAMPercentage=50", "-jar", "/opt/codinspect/supervisor.jar"]
