'use strict';
// Baseline for tests/load: the minimal relay a team would write on the `ws` package instead of
// casecircle. Rooms and broadcast only: no validation, no roles, no persistence (the log lives
// in memory so that resume works). It speaks just enough of protocol/PROTOCOL.md for loadgen:
// create/join/resume -> welcome; command -> one event broadcast to the room, then an ack; ping ->
// pong; snapshot -> an empty state. A room whose members ask for state patches (state_updates
// "patch", the browser's traffic) gets an empty patch with every events frame: a relay's state is
// empty, and the client then has no reason to ask for a snapshot.
//
//   node relay.js [--port N]     prints "node-relay listening on http://127.0.0.1:PORT/"

const http = require('http');
const crypto = require('crypto');
const { WebSocketServer } = require('ws');

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8081;

const roomsByInvite = new Map();
const memberships = new Map(); // token -> { room, participantId }

function newRoom() {
  return { id: crypto.randomUUID(), invite: crypto.randomBytes(6).toString('hex'), log: [],
           members: new Set(), nextParticipant: 1 };
}

function send(socket, message) {
  socket.send(typeof message === 'string' ? message : JSON.stringify(message));
}

// Serialised once, sent to everyone.
function broadcast(room, events) {
  const patch = room.patch ? { base_seq: events[0].seq - 1, state_patch: [] } : {};
  const frame = JSON.stringify({ type: 'events', events, ...patch });
  for (const member of room.members) member.send(frame);
}

function append(room, actor, type, data) {
  const event = { seq: room.log.length + 1, at: Date.now(), actor, type, data };
  room.log.push(event);
  return event;
}

function admit(socket, room, participantId, extra, message) {
  if (message.state_updates === 'patch') room.patch = true;
  socket.room = room;
  socket.participantId = participantId;
  room.members.add(socket);
  send(socket, { type: 'welcome', room_id: room.id, participant_id: participantId,
                 server_time: Date.now(), last_seq: room.log.length, state: {}, ...extra });
}

function enter(socket, message) {
  let room;
  if (message.type === 'create') {
    room = newRoom();
    roomsByInvite.set(room.invite, room);
  } else {
    room = roomsByInvite.get(message.invite);
    if (!room) return send(socket, { type: 'error', code: 'unknown_invite' });
  }
  const participantId = 'p' + room.nextParticipant++;
  const token = crypto.randomBytes(32).toString('hex');
  memberships.set(token, { room, participantId });
  // Welcome first, so that its last_seq is the position before this member's own join event.
  admit(socket, room, participantId,
        message.type === 'create' ? { token, invite_code: room.invite } : { token }, message);
  broadcast(room, [append(room, participantId, 'participant_joined',
                          { participant_id: participantId, name: message.name })]);
}

function resume(socket, message) {
  const membership = memberships.get(message.token);
  if (!membership) return send(socket, { type: 'error', code: 'unknown_token' });
  const { room, participantId } = membership;
  admit(socket, room, participantId, {}, message);
  const missed = room.log.slice(message.last_seq || 0);
  if (missed.length) send(socket, { type: 'events', events: missed });
}

function command(socket, message) {
  if (!socket.room) return send(socket, { type: 'error', id: message.id, code: 'not_joined' });
  const event = append(socket.room, socket.participantId, message.command, message.fields);
  broadcast(socket.room, [event]);
  send(socket, { type: 'ack', id: message.id, seqs: [event.seq] });
}

function onMessage(socket, text) {
  let message;
  try {
    message = JSON.parse(text);
  } catch {
    return send(socket, { type: 'error', code: 'invalid_json' });
  }
  switch (message.type) {
    case 'create':
    case 'join': return enter(socket, message);
    case 'resume': return resume(socket, message);
    case 'command': return command(socket, message);
    case 'ping': return send(socket, { type: 'pong', t: message.t, server_time: Date.now() });
    // A relay keeps no state: an empty one at the room's last seq (loadgen's browser-before
    // traffic asks for it after every events frame).
    case 'snapshot':
      if (!socket.room) return send(socket, { type: 'error', code: 'not_joined' });
      return send(socket, { type: 'state', state: {}, last_seq: socket.room.log.length });
    default: return send(socket, { type: 'error', code: 'unknown_type' });
  }
}

const server = http.createServer((req, res) => { res.writeHead(404); res.end(); });
const wss = new WebSocketServer({ server, path: '/ws', perMessageDeflate: false,
                                  maxPayload: 1024 * 1024 });
wss.on('connection', (socket) => {
  socket.on('message', (data) => onMessage(socket, data.toString()));
  socket.on('close', () => socket.room && socket.room.members.delete(socket));
  socket.on('error', () => {});
});
server.listen(port, '127.0.0.1', () => {
  console.log(`node-relay listening on http://127.0.0.1:${server.address().port}/`);
});
