package io.codinspect.controlplane.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.codinspect.testkit.TestPostgres;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** V6 takes the credentials out of repositories stored before they were refused. */
class RepositoryCredentialsMigrationTest {

    @Test
    void storedPasswordsAndTokensAreRemovedAndEverythingElseIsKept() throws SQLException {
        var url = TestPostgres.newDatabase();
        Flyway.configure().dataSource(url, "postgres", null).target("4").load().migrate();
        var before = new LinkedHashMap<String, String>();
        before.put("https://user:secret@github.com/acme/a.git", "https://github.com/acme/a.git");
        before.put("https://ghp_token@github.com/acme/b.git", "https://github.com/acme/b.git");
        before.put("http://u:p@git.internal/c.git", "http://git.internal/c.git");
        before.put("ssh://git:secret@github.com/acme/d.git", "ssh://git@github.com/acme/d.git");
        before.put("git:secret@github.com:acme/e.git", "git@github.com:acme/e.git");
        before.put("ssh://git@github.com/acme/f.git", "ssh://git@github.com/acme/f.git");
        before.put("git@github.com:acme/g.git", "git@github.com:acme/g.git");
        before.put("https://github.com/acme/h@2.git", "https://github.com/acme/h@2.git");
        before.put("/srv/repos/i", "/srv/repos/i");
        var ids = new LinkedHashMap<UUID, String>();
        try (var db = DriverManager.getConnection(url, "postgres", null)) {
            var user = UUID.randomUUID();
            try (var insert = db.prepareStatement(
                    "insert into app_user (id, name, role, created_at) values (?, 'A', 'user', now())")) {
                insert.setObject(1, user);
                insert.executeUpdate();
            }
            for (var repository : before.keySet()) {
                var id = UUID.randomUUID();
                try (var insert = db.prepareStatement(
                        "insert into session (id, repository, base_branch, branch, status, created_by, created_at,"
                                + " updated_at) values (?, ?, 'main', ?, 'idle', ?, now(), now())")) {
                    insert.setObject(1, id);
                    insert.setString(2, repository);
                    insert.setString(3, "codinspect/" + id);
                    insert.setObject(4, user);
                    insert.executeUpdate();
                }
                ids.put(id, before.get(repository));
            }
        }

        Flyway.configure().dataSource(url, "postgres", null).load().migrate();

        var after = new LinkedHashMap<UUID, String>();
        try (var db = DriverManager.getConnection(url, "postgres", null);
                var rows = db.createStatement().executeQuery("select id, repository from session")) {
            while (rows.next()) {
                after.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        assertThat(after).containsExactlyInAnyOrderEntriesOf(Map.copyOf(ids));
    }
}
