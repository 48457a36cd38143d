package io.codinspect.controlplane.system;

import java.util.Optional;

/** Port: turns an API bearer token into the user it belongs to. The user feature implements it. */
public interface BearerTokenAuthenticator {

    Optional<CurrentUser> authenticate(String token);
}
