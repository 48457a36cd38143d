package io.codinspect.controlplane.github;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The GitHub repositories sessions can be started on. */
@RestController
@RequestMapping("/api/repos")
class RepoController {

    private final GitHubRepos repos;

    RepoController(GitHubRepos repos) {
        this.repos = repos;
    }

    @GetMapping
    List<GitHubRepos.Repo> list() {
        return repos.list();
    }

    @GetMapping("/{owner}/{name}/branches")
    List<GitHubRepos.Branch> branches(@PathVariable String owner, @PathVariable String name) {
        return repos.branches(owner, name);
    }
}
