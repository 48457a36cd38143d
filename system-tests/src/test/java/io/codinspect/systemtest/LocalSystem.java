package io.codinspect.systemtest;

import io.codinspect.controlplane.CodinspectApplication;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.TestPostgres;
import io.codinspect.testkit.WatcherClient;
import io.codinspect.testkit.github.FakeGitHub;
import io.codinspect.testkit.llm.FakeLlm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole system on this machine: the real control plane with its local-process sandbox
 * provider, which starts real supervisor processes running the real OpenCode binary, all pointed
 * at a scripted fake LLM (the only fake, at the system's edge). Tests talk to it over HTTP,
 * WebSockets and git only.
 */
final class LocalSystem implements AutoCloseable {

    static final String ADMIN_TOKEN = "cit_system-test-admin-token-0123456789abcdefghij";
    static final String LLM_KEY = "sk-fake-provider-key-0123456789";
    /** The keys of the Anthropic and OpenAI providers, which the fake LLM also serves: canaries no sandbox may hold. */
    static final String ANTHROPIC_KEY = "sk-ant-canary-key-9b1e4c7d2a";

    static final String OPENAI_KEY = "sk-openai-canary-key-5f8a3e6c1b";
    /** How long a silent sandbox is kept: short, so that a lost one is noticed within a test. */
    static final Duration HEARTBEAT_TIMEOUT = Duration.ofSeconds(10);

    private final FakeLlm llm;
    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final int port;

    private LocalSystem(FakeLlm llm, ConfigurableApplicationContext context, Path dataDir) {
        this.llm = llm;
        this.context = context;
        this.dataDir = dataDir;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    /** A folder of its own for one test class, beside the data directory (where origins may be). */
    Path folder(String name) {
        try {
            return Files.createDirectories(dataDir.resolveSibling(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The control plane's data directory: {@code sandboxes/<id>} holds each sandbox's folder. */
    Path dataDir() {
        return dataDir;
    }

    static LocalSystem start(Path dataDir, Map<String, Object> overrides) {
        var llm = FakeLlm.start(0);
        var props = new HashMap<String, Object>();
        props.put("server.port", 0);
        props.put("spring.main.banner-mode", "off");
        props.put("spring.datasource.url", TestPostgres.newDatabase());
        props.put("spring.datasource.username", "postgres");
        props.put("codinspect.bootstrap.token", ADMIN_TOKEN);
        props.put("codinspect.data-dir", dataDir.toString());
        props.put("logging.file.name", dataDir.resolve("control-plane.log").toString());
        props.put("codinspect.sandbox.provider", "local");
        props.put("codinspect.sandbox.local.supervisor-jar", System.getProperty("codinspect.supervisor-jar"));
        props.put("codinspect.sandbox.local.opencode-binary", System.getProperty("codinspect.opencode-binary"));
        props.put("codinspect.sandbox.local.keep-workspaces", true);
        // the tests' origins live beside the data directory; users who are not admins may name them
        props.put(
                "codinspect.sandbox.local.repository-roots[0]",
                dataDir.toAbsolutePath().getParent().toString());
        props.put("codinspect.sandbox.local.heartbeat-interval", "2s");
        props.put("codinspect.sandbox.heartbeat-timeout", HEARTBEAT_TIMEOUT.toSeconds() + "s");
        props.put("codinspect.sandbox.reaper-interval", "1s");
        props.put("codinspect.sandbox.egress.port", 0); // tests run side by side
        // EgressTest's allowed host: by address, as 127.0.0.1 and localhost are in the sandbox's NO_PROXY
        props.put("codinspect.sandbox.egress.extra-allowed-hosts[0]", "127.0.0.2:*");
        props.put("codinspect.models.providers.fake.type", "openai-compatible");
        props.put("codinspect.models.providers.fake.name", "Scripted fake");
        props.put("codinspect.models.providers.fake.base-url", llm.baseUrl());
        props.put("codinspect.models.providers.fake.api-key", LLM_KEY);
        props.put("codinspect.models.providers.fake.models[0]", "m1");
        props.put("codinspect.models.providers.fake.models[1]", "m2");
        props.put("codinspect.models.providers.fake.prices.m1.input", "1.00");
        props.put("codinspect.models.providers.fake.prices.m1.output", "2.00");
        props.put("codinspect.models.providers.fake.prices.m1.cache-read", "0.50");
        // the public providers' APIs, served by the same fake: their default prices apply
        props.put("codinspect.models.providers.anthropic.base-url", llm.baseUrl());
        props.put("codinspect.models.providers.anthropic.api-key", ANTHROPIC_KEY);
        props.put("codinspect.models.providers.anthropic.models[0]", "claude-sonnet-4-5");
        props.put("codinspect.models.providers.openai.base-url", llm.baseUrl());
        props.put("codinspect.models.providers.openai.api-key", OPENAI_KEY);
        props.put("codinspect.models.providers.openai.models[0]", "gpt-5");
        props.put("codinspect.models.default-model", "fake/m1");
        props.putAll(overrides);
        var args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        try {
            return new LocalSystem(llm, new SpringApplicationBuilder(CodinspectApplication.class).run(args), dataDir);
        } catch (RuntimeException e) {
            llm.close();
            throw e;
        }
    }

    /**
     * The whole system with the fake GitHub's App and "Sign in with GitHub" through the fake's OAuth
     * client, admitting members of the {@code acme} organisation; data under {@code dir/data}.
     */
    static LocalSystem startWithGitHub(Path dir, FakeGitHub github, Map<String, Object> more) {
        github.oauthClient("Iv1.system-test", "system-test-secret");
        var settings = new HashMap<String, Object>(Map.of(
                "codinspect.github.sign-in.client-id", "Iv1.system-test",
                "codinspect.github.sign-in.client-secret", "system-test-secret",
                "codinspect.github.sign-in.encryption-key", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "codinspect.github.sign-in.allowed-orgs[0]", "acme"));
        settings.putAll(more);
        return start(dir.resolve("data"), github.appSettings(dir.resolve("app.pem"), settings));
    }

    FakeLlm llm() {
        return llm;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    ApiClient admin() {
        return new ApiClient(base(), ADMIN_TOKEN);
    }

    /** A new user (email may be null) and a client acting as them. */
    ApiClient newUser(String name, String login, String email) {
        var body = new HashMap<String, Object>(Map.of("name", name, "login", login));
        if (email != null) {
            body.put("email", email);
        }
        var user = admin().post("/api/users", body);
        if (user.status() != 201) {
            throw new IllegalStateException("creating user failed: " + user.body());
        }
        var token = admin().post("/api/users/" + user.text("id") + "/tokens", Map.of("name", "test"));
        return admin().as(token.text("token"));
    }

    WatcherClient watch(ApiClient client, UUID sessionId) {
        var token =
                client.post("/api/sessions/" + sessionId + "/ws-token", null).text("token");
        return WatcherClient.connect(
                URI.create("ws://127.0.0.1:" + port + "/api/sessions/" + sessionId + "/ws"), token, 0);
    }

    @Override
    public void close() {
        context.close();
        llm.close();
    }
}
