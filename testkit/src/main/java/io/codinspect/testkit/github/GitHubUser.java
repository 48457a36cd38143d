package io.codinspect.testkit.github;

import java.util.List;

/**
 * A person on the fake GitHub.
 *
 * @param email the public email on their profile, or null
 * @param verifiedEmail their verified primary email (what {@code /user/emails} shows)
 * @param orgs organisations they are a member of
 */
public record GitHubUser(long id, String login, String name, String email, String verifiedEmail, List<String> orgs) {}
