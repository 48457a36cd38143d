package io.codinspect.controlplane;

import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.TestPostgres;
import io.codinspect.testkit.WatcherClient;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The real control plane, started in this JVM on a real port and talked to only over HTTP and
 * WebSockets. Sandboxes are {@link SimulatedSandboxes} on the real bridge.
 */
public final class RunningControlPlane implements AutoCloseable {

    public static final String ADMIN_TOKEN = "cit_test-admin-token-0123456789abcdefghijklmnopq";

    private final ConfigurableApplicationContext context;
    private final SimulatedSandboxes sandboxes;
    private final int port;

    private RunningControlPlane(ConfigurableApplicationContext context, SimulatedSandboxes sandboxes) {
        this.context = context;
        this.sandboxes = sandboxes;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** A control plane on a fresh database of the shared test PostgreSQL. */
    public static RunningControlPlane start(Map<String, Object> properties) {
        var props = new HashMap<String, Object>(properties);
        props.putIfAbsent("spring.datasource.url", TestPostgres.newDatabase());
        props.putIfAbsent("spring.datasource.username", "postgres");
        return start(props, new SimulatedSandboxes());
    }

    public static RunningControlPlane start() {
        return start(Map.of());
    }

    /** A control plane with exactly these properties and this sandbox provider. */
    public static RunningControlPlane start(Map<String, Object> properties, SimulatedSandboxes sandboxes) {
        return start(properties, sandboxes, context -> {});
    }

    /** The same, with more beans of the test's own (e.g. a listener that misbehaves). */
    public static RunningControlPlane start(
            Map<String, Object> properties,
            SimulatedSandboxes sandboxes,
            java.util.function.Consumer<GenericApplicationContext> more) {
        var props = new HashMap<String, Object>();
        props.put("server.port", 0);
        props.put("codinspect.bootstrap.token", ADMIN_TOKEN);
        props.put("spring.main.banner-mode", "off");
        props.put("codinspect.sandbox.provider", sandboxes.name());
        props.put("codinspect.sandbox.egress.port", 0); // tests run side by side
        props.putAll(properties);
        var args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        var context = new SpringApplicationBuilder(CodinspectApplication.class)
                .initializers(ctx -> {
                    ((GenericApplicationContext) ctx).registerBean(SandboxProvider.class, () -> sandboxes);
                    more.accept((GenericApplicationContext) ctx);
                })
                .run(args);
        return new RunningControlPlane(context, sandboxes);
    }

    public ApiClient admin() {
        return new ApiClient(URI.create("http://127.0.0.1:" + port + "/"), ADMIN_TOKEN);
    }

    public ApiClient anonymous() {
        return admin().as(null);
    }

    /** Creates a user and returns a client acting with a fresh token of theirs. */
    public ApiClient newUser(String name, String login) {
        return newUser(admin(), name, login);
    }

    /** Creates a user with {@code admin}'s token and returns a client acting with a fresh token of theirs. */
    public static ApiClient newUser(ApiClient admin, String name, String login) {
        var user = admin.post("/api/users", Map.of("name", name, "email", login + "@example.com", "login", login));
        if (user.status() != 201) {
            throw new IllegalStateException("creating user failed: " + user.body());
        }
        var token = admin.post("/api/users/" + user.text("id") + "/tokens", Map.of("name", "test"));
        return admin.as(token.text("token"));
    }

    /** Opens a watcher socket for {@code client}'s user, resuming after {@code lastSeq}. */
    public WatcherClient watch(ApiClient client, UUID sessionId, long lastSeq) {
        var token =
                client.post("/api/sessions/" + sessionId + "/ws-token", null).text("token");
        return WatcherClient.connect(wsUri(sessionId), token, lastSeq);
    }

    public URI wsUri(UUID sessionId) {
        return URI.create("ws://127.0.0.1:" + port + "/api/sessions/" + sessionId + "/ws");
    }

    public SimulatedSandboxes sandboxes() {
        return sandboxes;
    }

    public int port() {
        return port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
