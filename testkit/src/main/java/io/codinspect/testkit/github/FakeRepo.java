package io.codinspect.testkit.github;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** A repository: {@code installed} when the App's installation can reach it. */
public record FakeRepo(String owner, String name, Path bare, boolean installed) {
    String fullName() {
        return owner + "/" + name;
    }

    /** GitHub's JSON for the repository. */
    Map<String, Object> json(String webUrl, String apiUrl) {
        var json = new LinkedHashMap<String, Object>();
        json.put("id", Math.abs(fullName().hashCode()));
        json.put("name", name);
        json.put("full_name", fullName());
        json.put("owner", Map.of("login", owner, "id", Math.abs(owner.hashCode())));
        json.put("private", true);
        json.put("default_branch", "main");
        json.put("html_url", webUrl + "/" + fullName());
        json.put("clone_url", webUrl + "/" + fullName() + ".git");
        json.put("url", apiUrl + "/repos/" + fullName());
        return json;
    }
}
