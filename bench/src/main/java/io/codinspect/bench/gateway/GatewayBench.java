package io.codinspect.bench.gateway;

import io.codinspect.bench.BenchDatabase;
import io.codinspect.bench.Histogram;
import io.codinspect.bench.gateway.StreamFigures.Figure;
import io.codinspect.controlplane.CodinspectApplication;
import io.codinspect.controlplane.sandbox.SandboxProvider;
import io.codinspect.testkit.ApiClient;
import io.codinspect.testkit.llm.Chunk;
import io.codinspect.testkit.llm.FakeLlm;
import io.codinspect.testkit.llm.Reply;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.support.GenericApplicationContext;

/**
 * What the model gateway adds to a streamed model call: time to first token, full-stream time and
 * the gaps between chunks of the same scripted answer, called directly at the fake LLM and through
 * the gateway ({@code /llm/bench/chat/completions}) in the same run, interleaved; then many streams
 * at once (see {@link ConcurrentStreams}). The control plane runs here on a fresh database of an
 * embedded PostgreSQL (see {@link BenchDatabase}), its sandboxes are simulated on the real bridge
 * with a running prompt each, and every gateway call carries a live sandbox's agent token, the
 * sandboxes in turn. Run with {@code ./codinspect bench gateway [--sequential=200] [--warmup=1000]
 * [--concurrent=250] [--sessions=125]}: by default one sandbox per two concurrent streams, as
 * OpenCode makes one or two calls at once (the gateway allows a sandbox {@code
 * codinspect.models.max-calls-per-sandbox}, 16). See {@code docs/performance.md}.
 */
public final class GatewayBench {

    private static final String TOKEN = "cit_bench-gateway-token-0123456789abcdefghijklmno";
    private static final String KEY = "sk-bench-provider-key";
    private static final int TEXT_CHUNKS = 80;
    private static final byte[] STREAM = ModelStreams.body("m1", "bench-stream");
    private static final byte[] WARM_UP = ModelStreams.body("m1", "bench-warm-up");
    private static final double ADDED_FIRST_TOKEN_MS = 5;
    private static final double ADDED_MEAN_GAP_MS = 0.1;
    private static final double ADDED_MAX_GAP_MS = 1;

    private GatewayBench() {}

    public static void main(String[] args) throws Exception {
        var options = new HashMap<>(Map.of("sequential", 200, "warmup", 1000, "concurrent", 250));
        for (var arg : args) {
            var kv = arg.replaceFirst("^--", "").split("=", 2);
            if (kv.length == 2) {
                options.put(kv[0], Integer.parseInt(kv[1]));
            }
        }
        options.putIfAbsent("sessions", (options.get("concurrent") + 1) / 2);
        // the JDK's HTTP server, which the fake LLM runs on, leaves Nagle's algorithm on unless told: its
        // small SSE writes would then wait for the client's delayed ACK (about 40 ms), which no real
        // provider's stream does; read once, when the first server starts
        System.setProperty("sun.net.httpserver.nodelay", "true");
        var sandboxes = new AgentSandboxes();
        var database = BenchDatabase.newDatabase();
        try (var llm = FakeLlm.start(0).script("bench-stream", answer()).script("bench-warm-up", Reply.text("ok"));
                var context = new SpringApplicationBuilder(CodinspectApplication.class)
                        .initializers(ctx ->
                                ((GenericApplicationContext) ctx).registerBean(SandboxProvider.class, () -> sandboxes))
                        .run(
                                "--server.port=0",
                                "--spring.main.banner-mode=off",
                                "--logging.level.root=WARN",
                                "--spring.datasource.url=" + database,
                                "--spring.datasource.username=postgres",
                                "--codinspect.bootstrap.token=" + TOKEN,
                                "--codinspect.sandbox.provider=" + sandboxes.name(),
                                "--codinspect.sandbox.heartbeat-timeout=1h",
                                "--codinspect.sandbox.egress.port=0", // unused here; not to clash on 8090
                                "--codinspect.sandbox.max-active=" + options.get("sessions"),
                                "--codinspect.models.providers.bench.type=openai-compatible",
                                "--codinspect.models.providers.bench.base-url=" + llm.baseUrl(),
                                "--codinspect.models.providers.bench.api-key=" + KEY,
                                "--codinspect.models.providers.bench.models[0]=m1",
                                "--codinspect.models.providers.bench.prices.m1.input=1.25",
                                "--codinspect.models.providers.bench.prices.m1.output=10",
                                "--codinspect.models.default-model=bench/m1")) {
            var port = context.getEnvironment().getProperty("local.server.port");
            var api = new ApiClient(URI.create("http://127.0.0.1:" + port + "/"), TOKEN);
            var paths = new CallPaths(
                    llm,
                    new ModelStreams(),
                    KEY,
                    URI.create("http://127.0.0.1:" + port + "/llm/bench/chat/completions"),
                    agentTokens(api, sandboxes, options.get("sessions")));
            header(database, paths);
            warmUp(paths, options.get("warmup"));
            sequential(paths, options.get("sequential"));
            beforeForwarding(paths, options.get("sequential"));
            ConcurrentStreams.run(paths, STREAM, options.get("concurrent"));
            recorded(database);
            disconnect(sandboxes, database);
        }
        System.exit(0);
    }

    /** 80 one-line text chunks with 5 ms pauses after every 4th (10 ms after every 20th): about 130 ms. */
    private static Reply answer() {
        var chunks = new ArrayList<Chunk>();
        for (var i = 1; i <= TEXT_CHUNKS; i++) {
            chunks.add(Chunk.text("w" + i + " ")); // under 8 characters: the fake sends it as one chunk
            if (i % 4 == 0) {
                chunks.add(new Chunk.Pause(Duration.ofMillis(i % 20 == 0 ? 10 : 5)));
            }
        }
        return new Reply.Stream(chunks);
    }

    /** One session per sandbox, each with a prompt its simulated sandbox keeps running; their agent tokens. */
    private static List<String> agentTokens(ApiClient api, AgentSandboxes sandboxes, int count)
            throws InterruptedException {
        var sessions = new ArrayList<UUID>();
        for (var i = 0; i < count; i++) {
            var id = UUID.fromString(api.post("/api/sessions", Map.of("repository", "https://bench.example/r.git"))
                    .text("id"));
            api.post("/api/sessions/" + id + "/prompts", Map.of("content", "bench"));
            sessions.add(id);
        }
        var deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (sandboxes.agentTokens(sessions).isEmpty()
                || !sessions.stream()
                        .allMatch(id ->
                                "running".equals(api.get("/api/sessions/" + id).text("status")))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the benchmark's sandboxes did not start within 2 minutes");
            }
            Thread.sleep(20);
        }
        return sandboxes.agentTokens(sessions);
    }

    private static void header(String database, CallPaths paths) throws SQLException {
        var memory = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getTotalMemorySize();
        System.out.printf(
                "CodInspect model gateway benchmark, %d cores, %.0f GiB, Java %s%n",
                Runtime.getRuntime().availableProcessors(),
                memory / (double) (1L << 30),
                System.getProperty("java.version"));
        System.out.println(BenchDatabase.durability(database));
        System.out.printf(
                "answer:        %d text chunks, pauses of 5-10 ms after every 4th, then finish, usage and [DONE]"
                        + " (Chat Completions); request body %,d bytes; %d sandboxes' agent tokens%n",
                TEXT_CHUNKS, STREAM.length, paths.agentTokens().size());
    }

    /** Short calls (the JIT compiles the per-call path only after some thousand calls), then a few streams. */
    private static void warmUp(CallPaths paths, int calls) {
        for (var i = 0; i < calls; i++) {
            paths.direct(WARM_UP);
            paths.gateway(i, WARM_UP);
        }
        for (var i = 0; i < 20; i++) {
            paths.direct(STREAM);
            paths.gateway(i, STREAM);
        }
        System.out.printf("warm-up:       %d one-chunk calls and 20 streams of each path%n", calls);
    }

    private static void sequential(CallPaths paths, int count) {
        var direct = new StreamFigures("direct");
        var gateway = new StreamFigures("gateway");
        for (var i = 0; i < count; i++) { // alternating which goes first cancels drift and order effects
            if (i % 2 == 0) {
                direct.add(paths.direct(STREAM), paths.reached());
                gateway.add(paths.gateway(i, STREAM), paths.reached());
            } else {
                gateway.add(paths.gateway(i, STREAM), paths.reached());
                direct.add(paths.direct(STREAM), paths.reached());
            }
        }
        System.out.printf("sequential:    %d streams direct and %d through the gateway, interleaved%n", count, count);
        System.out.println();
        System.out.println("Sequential streams (ms)                           p50      p90      p99      max");
        for (var figure : Figure.values()) {
            System.out.println(direct.row(figure));
            System.out.println(gateway.row(figure));
        }
        System.out.printf(
                "errors: direct %d, gateway %d%n",
                direct.errors().size(), gateway.errors().size());
        direct.printErrors();
        gateway.printErrors();
        var firstToken = added(direct, gateway, Figure.FIRST_TOKEN);
        var meanGap = added(direct, gateway, Figure.MEAN_GAP);
        var maxGap = added(direct, gateway, Figure.MAX_GAP);
        System.out.printf(
                "Added by the gateway at the median: time to first token %.2f ms (target <= %.0f ms: %s),"
                        + " full stream %.2f ms, end of the body %.2f ms%n",
                firstToken,
                ADDED_FIRST_TOKEN_MS,
                met(firstToken <= ADDED_FIRST_TOKEN_MS),
                added(direct, gateway, Figure.FULL_STREAM),
                added(direct, gateway, Figure.END));
        System.out.printf(
                "Added between chunks at the median: mean gap %.3f ms, longest gap %.2f ms (target: no added delay,"
                        + " taken as <= %.1f ms and <= %.0f ms: %s)%n",
                meanGap,
                maxGap,
                ADDED_MEAN_GAP_MS,
                ADDED_MAX_GAP_MS,
                met(meanGap <= ADDED_MEAN_GAP_MS && maxGap <= ADDED_MAX_GAP_MS));
    }

    /**
     * Where the gateway's time before it forwards a call goes: a call refused before any database
     * work (not an agent token), and one refused after the agent token's check and the body's
     * parsing (a model not offered), against the full path to the model measured above.
     */
    private static void beforeForwarding(CallPaths paths, int count) {
        var notAgent = new Histogram(count);
        var notOffered = new Histogram(count);
        var unoffered = ModelStreams.body("not-offered", "bench-stream");
        for (var i = 0; i < count; i++) {
            notAgent.record(paths.streams().refused(paths.gateway(), "sk-not-an-agent-token", STREAM, 401));
            notOffered.record(paths.streams().refused(paths.gateway(), paths.agentToken(i), unoffered, 403));
        }
        System.out.printf(
                "Gateway refusals, whole answer (median of %d): not an agent token (401, no database) %.2f ms;"
                        + " model not offered (403, after the token's check and the body's parsing) %.2f ms%n",
                count, notAgent.millis(0.5), notOffered.millis(0.5));
    }

    /** What the gateway recorded in {@code model_call}: every call of the run, each with its usage. */
    private static void recorded(String database) throws SQLException {
        try (var con = DriverManager.getConnection(database, "postgres", "");
                var st = con.createStatement();
                var rs = st.executeQuery(
                        "select count(*), count(*) filter (where outcome = 'ok' and output_tokens > 0) from model_call")) {
            rs.next();
            System.out.printf(
                    "recorded:      %,d model calls in model_call, %,d of them ok with usage%n",
                    rs.getLong(1), rs.getLong(2));
        }
        try (var con = DriverManager.getConnection(database, "postgres", "");
                var st = con.createStatement();
                var rs = st.executeQuery("select outcome, error, count(*) from model_call where outcome <> 'ok'"
                        + " group by outcome, error order by count(*) desc")) {
            while (rs.next()) {
                System.out.printf("  %,d %s: %s%n", rs.getLong(3), rs.getString(1), rs.getString(2));
            }
        }
    }

    /** Closes the sandboxes' bridges and waits until the control plane has recorded it, before it shuts down. */
    private static void disconnect(AgentSandboxes sandboxes, String database) throws Exception {
        sandboxes.closeAll();
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        try (var con = DriverManager.getConnection(database, "postgres", "");
                var st = con.createStatement()) {
            while (System.nanoTime() < deadline) {
                try (var rs = st.executeQuery("select count(*) from sandbox where status = 'connected'")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
    }

    private static double added(StreamFigures direct, StreamFigures gateway, Figure figure) {
        return gateway.millis(figure, 0.5) - direct.millis(figure, 0.5);
    }

    static String met(boolean met) {
        return met ? "met" : "NOT met";
    }
}
