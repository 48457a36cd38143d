package io.codinspect.controlplane.gateway;

import io.codinspect.controlplane.model.ModelProperties;
import io.codinspect.controlplane.usage.ModelCall.Outcome;
import io.codinspect.controlplane.usage.TokenCounts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One call relayed to its provider: the provider's status and the headers that matter to the
 * agent's SDK (content type, {@code Retry-After}, rate-limit and request-id headers) pass back
 * unchanged, the body streams through the {@link UsageMeter}, and the call is recorded however it
 * ends. A provider that cannot be reached or does not answer in time gets an error in its API's
 * shape, and a warning in the session's timeline, since the agent may retry on its own.
 */
final class Forwarding {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Forwarding.class);
    private static final long CHECK_EVERY_NANOS = 1_000_000_000L;
    private static final Set<String> RETURNED = Set.of(
            "content-type", "retry-after", "retry-after-ms", "x-request-id", "request-id", "openai-processing-ms");

    private final GatewayCalls calls;
    private final Upstream upstream;
    private final ModelProperties properties;

    Forwarding(GatewayCalls calls, Upstream upstream, ModelProperties properties) {
        this.calls = calls;
        this.upstream = upstream;
        this.properties = properties;
    }

    void forward(
            GatewayCall call,
            ModelProperties.Provider provider,
            String path,
            HttpServletRequest request,
            HttpServletResponse response,
            Map<String, String> headers,
            byte[] body)
            throws IOException {
        HttpResponse<InputStream> answer;
        try {
            answer = upstream.send(provider, path, request.getQueryString(), headers, body);
        } catch (HttpConnectTimeoutException e) {
            fail(
                    call,
                    provider,
                    response,
                    502,
                    Outcome.UNREACHABLE,
                    "could not connect to it within " + seconds(properties.connectTimeout())
                            + " (codinspect.models.connect-timeout)");
            return;
        } catch (HttpTimeoutException e) {
            fail(
                    call,
                    provider,
                    response,
                    504,
                    Outcome.TIMEOUT,
                    "it did not answer within " + seconds(properties.responseTimeout())
                            + " (codinspect.models.response-timeout)");
            return;
        } catch (ConnectException e) {
            fail(call, provider, response, 502, Outcome.UNREACHABLE, "it refused the connection");
            return;
        } catch (IOException e) {
            log.warn(
                    "Model call session={} provider={} could not be sent: {}",
                    call.context().sessionId(),
                    call.provider(),
                    e.toString());
            fail(
                    call,
                    provider,
                    response,
                    502,
                    Outcome.UNREACHABLE,
                    "the connection failed (" + e.getClass().getSimpleName() + ")");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(call, provider, response, 503, Outcome.CANCELLED, "the control plane is shutting down");
            return;
        }
        var status = answer.statusCode();
        response.setStatus(status);
        answer.headers().map().forEach((name, values) -> {
            var lower = name.toLowerCase(Locale.ROOT);
            if (RETURNED.contains(lower)
                    || lower.startsWith("x-ratelimit-")
                    || lower.startsWith("anthropic-ratelimit-")) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        var meter = new UsageMeter(call.api(), call.stream() && status < 300);
        var lastCheck = new long[] {0};
        var result = new Relay.Result(Relay.End.BROKEN, 0, 0);
        try {
            var out = response.getOutputStream();
            response.flushBuffer(); // the headers go now: the agent sees the stream open at once
            result = Relay.copy(answer.body(), out, properties.idleTimeout(), (bytes, length) -> {
                // the limits are asked as the stream reports usage, at most once a second
                if (meter.accept(bytes, 0, length) && System.nanoTime() - lastCheck[0] > CHECK_EVERY_NANOS) {
                    lastCheck[0] = System.nanoTime();
                    calls.progress(call.context(), call.provider(), call.model(), meter.tokens());
                }
            });
        } catch (IOException e) {
            result = new Relay.Result(Relay.End.CLIENT_GONE, 0, 0); // gone before the headers went
        } finally {
            try {
                answer.body().close();
            } catch (IOException e) {
                // closing is all that is left to do
            }
            meter.finish();
            endQuietly(response); // the agent has its whole answer before the call is recorded
            record(call, status, result, meter.tokens());
        }
    }

    /** Records the call however it ended; an answer that ended before its usage did counts as estimated. */
    private void record(GatewayCall call, int status, Relay.Result result, TokenCounts reported) {
        var complete = result.end() == Relay.End.COMPLETE;
        var tokens = reported;
        String note = null;
        if (status < 300 && (!complete || reported.output() == 0)) {
            tokens = call.estimated(reported, result.bytes());
            note = "usage estimated: the answer ended before the provider reported it";
            log.warn(
                    "Model call session={} provider={} model={}: {}",
                    call.context().sessionId(),
                    call.provider(),
                    call.model(),
                    note);
        }
        switch (result.end()) {
            case COMPLETE ->
                calls.record(call.ended(
                        tokens,
                        status,
                        status < 400 ? Outcome.OK : Outcome.PROVIDER_ERROR,
                        status < 400 ? note : call.provider() + " answered " + status,
                        result.firstByteNanos()));
            case CLIENT_GONE ->
                calls.record(call.ended(
                        tokens,
                        status,
                        Outcome.CANCELLED,
                        "the sandbox went away mid-answer; " + note,
                        result.firstByteNanos()));
            case IDLE -> {
                var error = call.provider() + " went silent for " + seconds(properties.idleTimeout())
                        + " mid-answer (codinspect.models.idle-timeout)";
                calls.record(call.ended(tokens, status, Outcome.TIMEOUT, error + "; " + note, result.firstByteNanos()));
                calls.warn(call.context(), "Model provider " + error);
            }
            case BROKEN ->
                calls.record(call.ended(
                        tokens,
                        status,
                        Outcome.UNREACHABLE,
                        call.provider() + "'s answer broke off; " + note,
                        result.firstByteNanos()));
        }
    }

    private static void endQuietly(HttpServletResponse response) {
        try {
            response.getOutputStream().close();
        } catch (IOException | IllegalStateException e) {
            // the sandbox went away: there is nothing left to end
        }
    }

    private void fail(
            GatewayCall call,
            ModelProperties.Provider provider,
            HttpServletResponse response,
            int status,
            Outcome outcome,
            String why)
            throws IOException {
        var message = "CodInspect could not reach model provider '" + call.provider() + "': " + why + ".";
        calls.record(call.ended(TokenCounts.NONE, null, outcome, why, 0));
        calls.warn(call.context(), message);
        ModelGateway.refuse(response, provider.type(), status, message);
    }

    private static String seconds(java.time.Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
