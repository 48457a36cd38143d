package io.codinspect.systemtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link LocalSystem} on the defaults for every test class that needs no settings of its own,
 * handed to a {@code @BeforeAll} method's {@code LocalSystem} parameter: started for the first of
 * them and closed (its sandboxes stopped, its folder deleted) once all tests have run. Each class
 * keeps its repositories in its own {@link LocalSystem#folder}, its users' logins are its own, and
 * its sessions are archived when done (so that their sandboxes do not hold the capacity).
 */
final class SharedSystem implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSystem.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .computeIfAbsent(Started.class, key -> Started.start(), Started.class)
                .system();
    }

    /** Closed with the root context's store, before the JVM (and the tests' PostgreSQL) goes. */
    private record Started(LocalSystem system, Path root) implements AutoCloseable {

        static Started start() {
            try {
                var root = Files.createTempDirectory("codinspect-system-");
                return new Started(LocalSystem.start(root.resolve("data"), Map.of()), root);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() throws IOException {
            system.close();
            try (var paths = Files.walk(root)) {
                paths.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }
}
