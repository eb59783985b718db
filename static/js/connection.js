// One WebSocket to the server, kept alive across network trouble. Commands are queued with their
// ids until the server acknowledges them, so a command typed while the connection is down is sent
// after the resume, and one whose answer got lost is resent – the server applies an id only once.

import { loadSession, saveSession, updateSession, clearSession, loadQueue, saveQueue } from './session_store.js';
import { FormatCache } from './format_cache.js';
import { applyPatch } from './json_patch.js';

// Commands that steer the session for everyone. Sent late they would act on a session that has
// moved on meanwhile (a queued "next step" skipping a step somebody else already opened), so they
// are only sent while connected; what people write (cards, records) is queued as before.
export const liveOnlyCommands = new Set(['start', 'next_step', 'previous_step', 'pause', 'resume', 'extend', 'end',
  'assign_role', 'assign_advocatus', 'skip_turn', 'pass_turn', 'confirm_consent', 'approve_minutes',
  'cancel_session', 'discard_minutes', 'remove_participant', 'reveal_prognosis']);

// Error frames with which the server sends a connection away from its room for good (PROTOCOL.md,
// issue #15). Reconnecting would only be refused again, so the room is forgotten instead.
export const farewellCodes = new Set(['removed_from_session', 'access_revoked', 'session_deleted']);

const retryDelaysMs = [300, 1000, 2000, 4000];
const pingEveryMs = 15000;
const pongTimeoutMs = 10000;

export class Connection extends EventTarget {
  constructor(url = defaultUrl()) {
    super();
    this.url = url;
    this.socket = null;
    this.status = 'idle';
    this.joined = false;
    this.retries = 0;
    this.offsetMs = 0;
    this.snapshotInFlight = false;
    this.snapshotWanted = false;
    // The state as the server sent it (before the format's texts are added) and its seq: the
    // events frames carry patches against it (state_updates "patch"), so no snapshot is asked for.
    this.serverState = null;
    this.stateSeq = 0;
    this.counter = 0;
    this.session = loadSession();
    this.queue = this.session ? loadQueue() : [];
    this.formats = new FormatCache();
    window.addEventListener('online', () => this.onBrowserOnline());
    window.addEventListener('offline', () => this.onBrowserOffline());
  }

  hasSession() {
    return Boolean(this.session?.token);
  }

  serverNow() {
    return Date.now() + this.offsetMs;
  }

  // create or join: the first frame of a fresh connection. A join first asks which room the code
  // opens: the WebSocket URL names it, so that a proxy in front of several servers sends
  // everyone of one room to the same one.
  async enter(frame) {
    // A new session starts with a clean slate: commands of an earlier one must not leak into it.
    this.session = null;
    this.queue = [];
    clearSession();
    this.entryFrame = frame;
    this.entryRoom = null;
    const room = await roomOfEntry(frame);
    if (this.entryFrame !== frame) return; // another entry began meanwhile
    this.entryRoom = room;
    this.open();
  }

  resume() {
    if (!this.hasSession()) return;
    this.entryFrame = null;
    this.open();
  }

  forget() {
    this.entryFrame = null;
    this.session = null;
    this.queue = [];
    clearSession();
    this.close();
  }

  close() {
    clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = null;
    this.joined = false;
    socket?.close();
    this.setStatus('idle');
  }

  // Queued first, sent at once when connected: the queue is the only path, so nothing typed is
  // lost between a click and a broken connection (steering commands excepted, see above).
  command(command, fields = {}, note = '') {
    // The buttons for these are disabled while offline; this catches a click that came just after
    // the connection broke, e.g. in a confirmation dialog opened before.
    if (liveOnlyCommands.has(command) && this.status !== 'online') {
      this.emit('not-sent', { command });
      return null;
    }
    const id = `${Date.now().toString(36)}-${(this.counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
    const entry = { id, command, fields, note, sent: false };
    this.emit('command', entry);
    this.queue.push(entry);
    this.persistQueue();
    if (this.joined) this.sendCommand(entry);
    this.emit('queue', this.queue);
    return id;
  }

  // Resolves once the command is answered (ack or refusal: true) or after the wait (false); for
  // actions after which the page moves on, e.g. leaving, whose answer should arrive first.
  settled(id, waitMs = 5000) {
    return new Promise((resolve) => {
      if (!id) return resolve(false);
      let timer = null;
      const check = () => {
        if (this.queue.some((e) => e.id === id)) return;
        finish(true);
      };
      const finish = (answered) => {
        clearTimeout(timer);
        this.removeEventListener('queue', check);
        resolve(answered);
      };
      timer = setTimeout(() => finish(false), waitMs);
      this.addEventListener('queue', check);
      check();
    });
  }

  requestMinutes() {
    if (this.joined) this.send({ type: 'minutes' });
  }

  requestSnapshot() {
    if (!this.joined) return;
    if (this.snapshotInFlight) {
      this.snapshotWanted = true;
      return;
    }
    this.snapshotInFlight = true;
    this.snapshotWanted = false;
    this.send({ type: 'snapshot' });
  }

  open() {
    clearTimeout(this.retryTimer);
    this.setStatus(this.session?.token && this.retries > 0 ? 'reconnecting' : 'connecting');
    const room = this.session?.room_id ?? this.entryRoom;
    const socket = new WebSocket(room ? `${this.url}?room=${encodeURIComponent(room)}` : this.url);
    this.socket = socket;
    socket.onopen = () => this.onOpen(socket);
    socket.onmessage = (e) => this.onFrame(socket, e.data);
    socket.onclose = () => this.onClose(socket);
  }

  onOpen(socket) {
    if (socket !== this.socket) return;
    const known = { known_templates: this.formats.keys(), state_updates: 'patch' };
    if (this.entryFrame) this.send({ ...this.entryFrame, ...known });
    else this.send({ type: 'resume', token: this.session.token, last_seq: this.session.last_seq ?? 0, ...known });
  }

  onClose(socket) {
    if (socket !== this.socket) return;
    this.socket = null;
    this.joined = false;
    this.snapshotInFlight = false;
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    if (!this.hasSession()) {
      // A create or join that never got its welcome: do not repeat it, that could open a second session.
      if (this.entryFrame) this.emit('entry-failed', { code: 'connection_failed' });
      this.entryFrame = null;
      this.setStatus('idle');
      return;
    }
    this.scheduleReconnect();
  }

  scheduleReconnect() {
    this.setStatus(navigator.onLine === false ? 'offline' : 'reconnecting');
    const delay = retryDelaysMs[Math.min(this.retries, retryDelaysMs.length - 1)];
    this.retries += 1;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  // The browser's own idea of being offline is shown at once; whether the socket really died is
  // found out by a ping, since an open WebSocket may survive a short loss of the network.
  onBrowserOffline() {
    this.setStatus('offline');
    if (this.joined) this.ping();
  }

  onBrowserOnline() {
    if (this.joined) this.setStatus('online');
    else this.reconnectNow();
  }

  reconnectNow() {
    if (this.hasSession() && !this.socket) {
      this.retries = 1;
      this.open();
    }
  }

  onFrame(socket, data) {
    if (socket !== this.socket) return;
    let frame;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    const handler = this.handlers[frame.type];
    if (handler) handler.call(this, frame);
  }

  send(frame) {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(frame));
  }

  sendCommand(entry) {
    entry.sent = true;
    this.send({ type: 'command', id: entry.id, command: entry.command, fields: entry.fields });
  }

  persistQueue() {
    saveQueue(this.queue);
  }

  settle(id) {
    const entry = this.queue.find((e) => e.id === id);
    this.queue = this.queue.filter((e) => e.id !== id);
    this.persistQueue();
    this.emit('queue', this.queue);
    return entry;
  }

  takeState(state, seq) {
    this.serverState = state;
    this.stateSeq = seq ?? 0;
    this.emit('state', this.formats.complete(state));
  }

  noteSeq(seq) {
    if (typeof seq !== 'number' || !this.session) return;
    if (seq > (this.session.last_seq ?? 0)) {
      this.session.last_seq = seq;
      updateSession({ last_seq: seq });
    }
  }

  setStatus(status) {
    if (this.status === status) return;
    this.status = status;
    this.emit('status', status);
  }

  emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }

  startPinging() {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => this.ping(), pingEveryMs);
  }

  // A connection that silently stopped carrying data (a sleeping laptop, a dead Wi-Fi) is noticed
  // by the missing pong and replaced.
  ping() {
    this.send({ type: 'ping', t: Date.now() });
    clearTimeout(this.pongTimer);
    const socket = this.socket;
    this.pongTimer = setTimeout(() => {
      if (socket === this.socket) socket?.close();
    }, pongTimeoutMs);
  }

  handlers = {
    format(frame) {
      this.formats.remember(frame.format);
    },
    welcome(frame) {
      this.offsetMs = frame.server_time - Date.now();
      if (frame.token) {
        this.session = { token: frame.token, room_id: frame.room_id };
      }
      Object.assign(this.session, {
        participant_id: frame.participant_id,
        room_id: frame.room_id,
        last_seq: frame.last_seq,
      });
      if (frame.invite_code) this.session.invite_code = frame.invite_code;
      saveSession(this.session);
      this.entryFrame = null;
      this.joined = true;
      this.retries = 0;
      this.setStatus('online');
      this.emit('welcome', { participantId: frame.participant_id, inviteCode: this.session.invite_code });
      this.takeState(frame.state, frame.last_seq);
      this.queue.forEach((entry) => this.sendCommand(entry));
      this.startPinging();
    },
    events(frame) {
      const events = frame.events ?? [];
      for (const e of events) this.noteSeq(e.seq);
      this.emit('events', events);
      const last = events.at(-1)?.seq ?? 0;
      if (last <= this.stateSeq) return; // already in the welcome's state
      if (frame.state_patch && frame.base_seq === this.stateSeq && this.serverState) {
        try {
          return this.takeState(applyPatch(this.serverState, frame.state_patch), last);
        } catch {
          // A patch that does not fit is a bug somewhere; the whole state mends it.
        }
      }
      this.requestSnapshot();
    },
    state(frame) {
      this.snapshotInFlight = false;
      this.noteSeq(frame.last_seq);
      this.takeState(frame.state, frame.last_seq);
      if (this.snapshotWanted) this.requestSnapshot();
    },
    ack(frame) {
      this.settle(frame.id);
    },
    rejected(frame) {
      if (!frame.id) return this.entryRefused(frame);
      const entry = this.settle(frame.id);
      this.emit('rejected', { ...frame, entry });
    },
    error(frame) {
      if (!frame.id && farewellCodes.has(frame.code)) return this.sentAway(frame.code);
      // The session moves to another server: the socket closes and is opened again at once.
      if (frame.code === 'room_moved') return this.reconnectSoon(0);
      if (frame.code === 'room_elsewhere' && !this.joined) return this.reconnectSoon(frame.retry_after_ms);
      if (frame.code === 'minutes_not_available') return this.emit('minutes-unavailable', frame);
      if (frame.code === 'storage_unavailable' && frame.id) return this.retryLater(frame);
      if (frame.id) return this.emit('rejected', { ...frame, entry: this.settle(frame.id) });
      if (!this.joined) return this.entryRefused(frame);
      this.emit('notice', frame);
    },
    presence(frame) {
      this.emit('presence', frame.online ?? []);
    },
    pong(frame) {
      clearTimeout(this.pongTimer);
      if (typeof frame.t === 'number') {
        // The server's clock was read about half a round trip before we received its answer.
        const roundTrip = Date.now() - frame.t;
        this.offsetMs = frame.server_time + roundTrip / 2 - Date.now();
      }
    },
    minutes(frame) {
      this.emit('minutes', frame);
    },
  };

  // Another server is handing the session over: the same entry (resume, join, create) is tried
  // again on a new connection once it should be there, with nothing shown but "reconnecting".
  reconnectSoon(waitMs) {
    const socket = this.socket;
    this.socket = null;
    this.joined = false;
    this.snapshotInFlight = false; // its answer would have come on the closed socket
    clearInterval(this.pingTimer);
    clearTimeout(this.pongTimer);
    socket?.close();
    this.setStatus(this.session?.token ? 'reconnecting' : 'connecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.open(), Math.min(Math.max(waitMs ?? 300, 100), 6000));
  }

  retryLater(frame) {
    this.emit('notice', frame);
    const entry = this.queue.find((e) => e.id === frame.id);
    if (entry) setTimeout(() => this.joined && this.sendCommand(entry), 2000);
  }

  // The room is forgotten here and now; the server closes the socket after its farewell, and
  // nothing reconnects (close() detaches the socket first, so its close event is ignored).
  sentAway(code) {
    const roomId = this.session?.room_id ?? null;
    this.session = null;
    this.queue = [];
    this.entryFrame = null;
    clearSession(roomId);
    this.close();
    this.emit('sent-away', { code, roomId });
  }

  entryRefused(frame) {
    // A stored token that no longer opens its room (approved, discarded or cancelled long enough
    // ago, or taken away): the room is gone for this person, said as such, not as a failed join.
    if (frame.code === 'unknown_token' && !this.entryFrame) return this.sentAway('unknown_token');
    if (frame.code === 'unknown_token') {
      this.session = null;
      this.queue = [];
      clearSession();
    }
    this.entryFrame = null;
    this.emit('entry-failed', frame);
    this.close();
  }
}

// The room an invitation code or guest link opens, or null (then the server says why on entry).
async function roomOfEntry(frame) {
  const path = frame.type === 'join' ? `/api/invitations/${encodeURIComponent(frame.invite ?? '')}`
    : frame.type === 'guest_join' ? `/api/guest-invitations/${encodeURIComponent(frame.invitation ?? '')}`
      : null;
  if (!path) return null;
  try {
    const answer = await fetch(path, { credentials: 'same-origin' });
    if (!answer.ok) return null;
    return (await answer.json()).room_id ?? null;
  } catch {
    return null;
  }
}

function defaultUrl() {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}/ws`;
}
