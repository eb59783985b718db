// A TCP proxy between one browser and the server that the test can cut, the way a train tunnel
// or a dropped Wi-Fi does. Chromium keeps an open WebSocket alive under context.setOffline(), so
// that is no test of a real outage; closing the sockets is.

import net from 'node:net';

export async function startProxy(targetPort) {
  const pairs = new Set();
  let mode = 'pass';
  const server = net.createServer((client) => {
    if (mode !== 'pass') return client.destroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    const pair = { client, upstream };
    pairs.add(pair);
    client.on('data', (d) => { if (mode !== 'cut') upstream.write(d); });
    // In 'deaf' mode the server's answers are dropped: a command reaches the server, its ack never
    // reaches the browser – the case that needs the server's de-duplication by command id.
    upstream.on('data', (d) => { if (mode === 'pass') client.write(d); });
    const close = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', close).on('close', close);
    upstream.on('error', close).on('close', close);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/`,
    cut() {
      mode = 'cut';
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      pairs.clear();
    },
    deafen() {
      mode = 'deaf';
    },
    restore() {
      mode = 'pass';
    },
    close: () => new Promise((resolve) => {
      for (const { client, upstream } of pairs) { client.destroy(); upstream.destroy(); }
      server.close(resolve);
    }),
  };
}
