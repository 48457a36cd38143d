package io.codinspect.slackbot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Slack bot: Slack's events in, calls of the control plane's REST API as the person out. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SlackBotApplication {

    public static void main(String[] args) {
        SpringApplication.run(SlackBotApplication.class, args);
    }
}
