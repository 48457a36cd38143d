// A session's live stream (docs/websocket-protocol.md): a fresh ws-token per connection, hello with
// the last seq held, reconnects with backoff after network loss or a server restart.
import { ApiError, post } from "./client";
import type { ServerMessage } from "./types";

export type Connection = "connecting" | "live" | "offline";

export interface SocketCallbacks {
  /** The seq to resume after; read at every (re)connect. */
  resumeFrom(): number;
  onMessages(messages: ServerMessage[]): void;
  onConnection(state: Connection, detail?: string): void;
  /** The connection dropped; deltas streamed while away will be missing. */
  onDisconnect(): void;
}

const PING_MS = 25_000;
const MAX_BACKOFF_MS = 8_000;

export class SessionSocket {
  private socket: WebSocket | null = null;
  private closed = false;
  private attempt = 0;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private ping: ReturnType<typeof setInterval> | null = null;
  private lastHeard = 0;
  private readonly online = () => this.reconnectNow();
  private readonly visible = () => this.sendPresence();

  constructor(
    private readonly sessionId: string,
    private readonly callbacks: SocketCallbacks,
  ) {
    window.addEventListener("online", this.online);
    document.addEventListener("visibilitychange", this.visible);
    void this.connect();
  }

  close() {
    this.closed = true;
    window.removeEventListener("online", this.online);
    document.removeEventListener("visibilitychange", this.visible);
    if (this.retry) clearTimeout(this.retry);
    this.stopPing();
    this.socket?.close(1000);
  }

  private async connect() {
    if (this.closed) return;
    this.callbacks.onConnection(this.attempt === 0 ? "connecting" : "offline");
    let token: string;
    try {
      token = (await post<{ token: string }>(`/api/sessions/${this.sessionId}/ws-token`)).token;
    } catch (e) {
      const detail = e instanceof ApiError && e.status === 404 ? "This session does not exist." : undefined;
      if (e instanceof ApiError && (e.status === 404 || e.status === 401)) {
        this.callbacks.onConnection("offline", detail);
        return;
      }
      this.scheduleRetry();
      return;
    }
    if (this.closed) return;
    const scheme = location.protocol === "https:" ? "wss" : "ws";
    const socket = new WebSocket(`${scheme}://${location.host}/api/sessions/${this.sessionId}/ws`);
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: "hello", token, lastSeq: this.callbacks.resumeFrom() }));
      this.sendPresence();
      this.startPing();
    };
    socket.onmessage = (message) => {
      this.lastHeard = Date.now();
      let parsed: ServerMessage;
      try {
        parsed = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const messages = parsed.type === "batch" ? parsed.messages : [parsed];
      if (messages.some((m) => m.type === "replay.done")) {
        this.attempt = 0;
        this.callbacks.onConnection("live");
      }
      this.callbacks.onMessages(messages);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.stopPing();
      this.callbacks.onDisconnect();
      if (!this.closed) this.scheduleRetry();
    };
  }

  private scheduleRetry() {
    if (this.closed) return;
    this.attempt++;
    this.callbacks.onConnection("offline");
    const delay = Math.min(MAX_BACKOFF_MS, 250 * 2 ** Math.min(this.attempt, 6)) * (0.75 + Math.random() * 0.5);
    this.retry = setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, delay);
  }

  private reconnectNow() {
    if (this.closed || this.socket) return;
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    void this.connect();
  }

  private sendPresence() {
    if (this.socket?.readyState !== WebSocket.OPEN) return;
    this.socket.send(JSON.stringify({ type: "presence", state: document.hidden ? "idle" : "active" }));
  }

  private startPing() {
    this.stopPing();
    this.lastHeard = Date.now();
    this.ping = setInterval(() => {
      if (this.socket?.readyState !== WebSocket.OPEN) return;
      // a connection that stays silent through two pings is dead even if the browser has not noticed
      if (Date.now() - this.lastHeard > 2 * PING_MS + 5_000) this.socket.close(4000);
      else this.socket.send(JSON.stringify({ type: "ping" }));
    }, PING_MS);
  }

  private stopPing() {
    if (this.ping) clearInterval(this.ping);
    this.ping = null;
  }
}
