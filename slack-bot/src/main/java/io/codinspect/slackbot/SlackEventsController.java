package io.codinspect.slackbot;

import com.slack.api.app_backend.SlackSignature;
import com.slack.api.bolt.App;
import com.slack.api.bolt.request.RequestHeaders;
import com.slack.api.bolt.util.SlackRequestParser;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /slack/events}: Slack's events, interactions and {@code block_suggestion}s, handed to
 * Bolt as they came (raw body and headers: Bolt verifies the signature over the exact bytes and
 * the timestamp's 5-minute window, and answers 401 otherwise).
 *
 * <p>The signature is checked here too, with Bolt's own verifier, before Bolt runs: Bolt resolves
 * the bot's team with {@code auth.test} before its verification middleware, so without this an
 * unsigned request would make the bot call Slack (and answer 500 when Slack cannot be reached).
 */
@RestController
class SlackEventsController {

    /** Slack's events and interactions are far smaller; a bigger body is not Slack's. */
    static final int MAX_BODY = 1024 * 1024;

    private final App app;
    private final SlackRequestParser parser;
    private final SlackSignature.Verifier signatures;

    SlackEventsController(App app) {
        this.app = app;
        this.parser = new SlackRequestParser(app.config());
        this.signatures = new SlackSignature.Verifier(
                new SlackSignature.Generator(app.config().getSigningSecret()));
    }

    @PostMapping("/slack/events")
    ResponseEntity<String> events(HttpServletRequest request) throws Exception {
        var timestamp = request.getHeader(SlackSignature.HeaderNames.X_SLACK_REQUEST_TIMESTAMP);
        var signature = request.getHeader(SlackSignature.HeaderNames.X_SLACK_SIGNATURE);
        if (timestamp == null || signature == null) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("invalid request"); // unread
        }
        byte[] body;
        try {
            body = RawBody.read(request, MAX_BODY);
        } catch (RawBody.TooLarge e) {
            return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(e.getMessage());
        }
        var text = new String(body, StandardCharsets.UTF_8);
        if (!signatures.isValid(timestamp, text, signature)) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body("invalid request");
        }
        var headers = new HashMap<String, List<String>>();
        for (var name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(), Collections.list(request.getHeaders(name)));
        }
        var slackRequest = parser.parse(SlackRequestParser.HttpRequest.builder()
                .requestUri(request.getRequestURI())
                .queryString(Map.of())
                .headers(new RequestHeaders(headers))
                .requestBody(text)
                .remoteAddress(request.getRemoteAddr())
                .build());
        if (slackRequest == null) {
            return ResponseEntity.status(HttpStatus.BAD_REQUEST).body("not a Slack request");
        }
        var response = app.run(slackRequest);
        var answer = ResponseEntity.status(response.getStatusCode());
        response.getHeaders().forEach((name, values) -> answer.header(name, values.toArray(String[]::new)));
        if (response.getContentType() != null) {
            answer.contentType(MediaType.parseMediaType(response.getContentType()));
        }
        return answer.body(response.getBody());
    }
}
