package io.codinspect.controlplane.system;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The web UI's pages are one document, {@code static/index.html} from the {@code web-ui} module;
 * its routes are forwarded to it so that links to sessions can be shared and reloaded.
 */
@Controller
class WebUiController {

    @GetMapping({"/sessions/{id}", "/settings", "/usage", "/signin"})
    String page() {
        return "forward:/index.html";
    }
}
