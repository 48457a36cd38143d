# The Slack bot: a Spring Boot layered jar on a JRE, as a non-root user; it runs with a
# read-only root filesystem (the chart mounts /tmp). Build from the repository root after
#   ./mvnw or mvn -B -DskipTests package
#   docker build -f deploy/docker/slack-bot.Dockerfile -t codinspect/slack-bot:dev .
FROM eclipse-temurin:21-jre-noble AS layers
WORKDIR /build
COPY control-plane/target/slack-bot-exec.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --launcher --destination extracted

FROM eclipse-temurin:21-jre-noble
RUN groupadd --system --gid 10001 codinspect \
 && useradd --system --uid 10001 --gid codinspect --home-dir /app --shell /usr/sbin/nologin codinspect
WORKDIR /app
# least to most often changed, so rebuilds reuse the dependency layers
COPY --from=layers /build/extracted/dependencies/ ./
COPY --from=layers /build/extracted/spring-boot-loader/ ./
COPY --from=layers /build/extracted/snapshot-dependencies/ ./
COPY --from=layers /build/extracted/application/ ./
USER 10001:10001
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -Djava.io.tmpdir=/tmp"
EXPOSE 8081
ENTRYPOINT ["java", "org.springframework.boot.loader.launch.JarLauncher"]
