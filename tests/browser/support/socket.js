// A second connection of a logged-in person, opened inside their page: the browser sends the
// login cookie and the page's origin as it does for the client itself. For what a test needs to
// have happened but does not walk on the screen (an earlier session, a quick follow-up); the
// frames are the protocol's own (PROTOCOL.md), the server decides as for any client.

import assert from 'node:assert/strict';

export async function openSocket(page) {
  const socket = await page.evaluateHandle(() => new Promise((resolve, reject) => {
    const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ws`);
    const s = { ws, frames: [] };
    ws.onmessage = (e) => s.frames.push(JSON.parse(e.data));
    ws.onopen = () => resolve(s);
    ws.onerror = () => reject(new Error('the socket did not open'));
  }));
  let counter = 0;
  const send = (frame) => socket.evaluate((s, f) => s.ws.send(JSON.stringify(f)), frame);
  // The first frame (not yet taken) that matches: {id} an answer to that command, {types} any of them.
  const next = async ({ id, types }) => {
    const found = await page.waitForFunction(([s, want]) => {
      const i = s.frames.findIndex((f) => (want.id ? f.id === want.id && ['ack', 'rejected', 'error'].includes(f.type) : want.types.includes(f.type)));
      return i >= 0 ? s.frames.splice(i, 1)[0] : null;
    }, [socket, { id, types }]);
    return found.jsonValue();
  };
  return {
    // create or join: the welcome, or the refusal as an assertion error.
    async enter(frame) {
      await send(frame);
      const answer = await next({ types: ['welcome', 'error', 'rejected'] });
      assert.equal(answer.type, 'welcome', `${frame.type}: ${JSON.stringify(answer)}`);
      return answer;
    },
    async command(command, fields = {}) {
      const id = `test-${++counter}`;
      await send({ type: 'command', id, command, fields });
      const answer = await next({ id });
      assert.equal(answer.type, 'ack', `${command}: ${JSON.stringify(answer)}`);
      return answer;
    },
    close: () => socket.evaluate((s) => s.ws.close()),
  };
}
