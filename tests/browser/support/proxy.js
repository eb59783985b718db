// A TCP proxy between one browser and the server that the test can cut, the way a train tunnel
// or a dropped Wi-Fi does. Chromium keeps an open WebSocket under context.setOffline() (frames
// simply stop), so that is no test of a real outage; closing the sockets is.
//
// Modes: 'pass'; 'cut' – every connection is closed and new ones are refused; 'http-only' – as
// 'cut' for WebSockets, but pages still load (a reload during the outage); 'deaf' – the server's
// answers are dropped, so a command reaches the server but its ack never reaches the browser.

import net from 'node:net';

const isUpgrade = (chunk) => /^upgrade:\s*websocket/im.test(chunk.toString('latin1'));

export async function startProxy(targetPort) {
  const pairs = new Set();
  let mode = 'pass';

  function refuse(chunk) {
    return mode === 'cut' || (mode === 'http-only' && isUpgrade(chunk));
  }

  function bridge(client, firstChunk) {
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    upstream.write(firstChunk);
    client.on('data', (d) => { if (mode !== 'cut') upstream.write(d); });
    upstream.on('data', (d) => { if (mode === 'pass' || mode === 'http-only') client.write(d); });
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', close);
    upstream.on('error', close).on('close', close);
  }

  const server = net.createServer((client) => {
    client.on('error', () => client.destroy());
    client.once('data', (chunk) => (refuse(chunk) ? client.destroy() : bridge(client, chunk)));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

  const dropAll = () => {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    cut() {
      mode = 'cut';
      dropAll();
    },
    httpOnly() {
      mode = 'http-only';
      dropAll();
    },
    deafen() {
      mode = 'deaf';
    },
    restore() {
      mode = 'pass';
    },
    close: () => new Promise((resolve) => {
      dropAll();
      server.close(resolve);
    }),
  };
}
