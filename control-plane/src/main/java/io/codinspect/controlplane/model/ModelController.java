package io.codinspect.controlplane.model;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The models users may pick for sessions and prompts. */
@RestController
@RequestMapping("/api/models")
class ModelController {

    private final ModelCatalog catalog;

    ModelController(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    List<Model> list() {
        return catalog.models();
    }
}
