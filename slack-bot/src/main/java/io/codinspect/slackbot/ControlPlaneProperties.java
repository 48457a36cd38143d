package io.codinspect.slackbot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the bot reaches the control plane ({@code codinspect.*}).
 *
 * @param url the control plane's base URL, {@code CODINSPECT_URL}
 * @param botToken the {@code slack} service account's token, {@code CODINSPECT_BOT_TOKEN}
 * @param botTokenFile or the file holding it, {@code CODINSPECT_BOT_TOKEN_FILE} (what {@code
 *     ./codinspect up} gives: {@code <data-dir>/bots/slack.token})
 * @param timeout the deadline of each call of the control plane
 */
@ConfigurationProperties("codinspect")
public record ControlPlaneProperties(
        @DefaultValue("http://localhost:8080") URI url,
        String botToken,
        Path botTokenFile,
        @DefaultValue("10s") Duration timeout) {

    /** The token, read from {@link #botTokenFile} when {@link #botToken} is not set. */
    String token() {
        if (botToken != null && !botToken.isBlank()) {
            return botToken.strip();
        }
        if (botTokenFile == null || botTokenFile.toString().isBlank()) {
            throw new IllegalStateException(
                    "the slack service account's token is required: CODINSPECT_BOT_TOKEN or CODINSPECT_BOT_TOKEN_FILE");
        }
        try {
            var token = Files.readString(botTokenFile).strip();
            if (token.isEmpty()) {
                throw new IllegalStateException("CODINSPECT_BOT_TOKEN_FILE " + botTokenFile + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read CODINSPECT_BOT_TOKEN_FILE " + botTokenFile, e);
        }
    }

    @Override
    public String toString() {
        return "ControlPlaneProperties[url=%s, botTokenFile=%s, timeout=%s]".formatted(url, botTokenFile, timeout);
    }
}
