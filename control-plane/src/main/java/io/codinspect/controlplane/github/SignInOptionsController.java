package io.codinspect.controlplane.github;

import org.springframework.core.env.Environment;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** How people can sign in here, for the web UI's sign-in page; answered without a token. */
@RestController
class SignInOptionsController {

    /** @param github whether "Sign in with GitHub" is configured */
    record SignInOptions(boolean github) {}

    private final SignInOptions options;

    SignInOptionsController(Environment environment) {
        this.options = new SignInOptions(environment.containsProperty("codinspect.github.sign-in.client-id"));
    }

    @GetMapping("/api/sign-in-options")
    SignInOptions options() {
        return options;
    }
}
