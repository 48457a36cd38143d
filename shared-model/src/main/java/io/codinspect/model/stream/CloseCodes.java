package io.codinspect.model.stream;

/** WebSocket close codes used by CodInspect (4000–4999 are for applications). */
public final class CloseCodes {

    /** The hello was missing, malformed or late. */
    public static final int BAD_HELLO = 4400;
    /**
     * The token is unknown, expired, revoked or for another session; or the API token that minted
     * it was revoked or expired while the socket was open.
     */
    public static final int UNAUTHORIZED = 4401;
    /** The user was disabled; reconnecting will not help until an admin enables them. */
    public static final int USER_DISABLED = 4403;
    /** The session (or sandbox) does not exist or is gone. */
    public static final int GONE = 4410;
    /** The client fell too far behind; reconnect and resume from the last seq it has. */
    public static final int TOO_SLOW_RESUME = 4429;
    /** The server is shutting down; reconnect and resume. */
    public static final int GOING_AWAY_RESUME = 4503;
    /**
     * Too many sockets are waiting to say hello (from this client address, or in all), or too many
     * large bridge messages are being read; try again later (the standard 1013).
     */
    public static final int TRY_AGAIN_LATER = 1013;
    /** A message was larger than the endpoint reads (the standard 1009). */
    public static final int TOO_BIG = 1009;
    /** This sandbox connection was replaced by a newer one. */
    public static final int REPLACED = 4409;

    private CloseCodes() {}
}
