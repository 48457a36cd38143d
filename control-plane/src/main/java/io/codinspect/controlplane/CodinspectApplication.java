package io.codinspect.controlplane;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The CodInspect control plane: sessions, prompts, events, sandboxes and their APIs. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class CodinspectApplication {

    public static void main(String[] args) {
        SpringApplication.run(CodinspectApplication.class, args);
    }
}
