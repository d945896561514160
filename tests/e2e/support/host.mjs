// A third-party host page on its own origin (another loopback port), as a customer's site would
// embed the widget: cross-origin script, index and API calls, and the host's own CSS.
import { createServer } from 'node:http';

/** Serves `html` at `/` until stop(); returns its origin. */
export function startHost(html, headers = {}) {
  const server = createServer((req, res) => {
    if (req.url === '/' || req.url.startsWith('/?')) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers });
      res.end(html);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        url: `http://127.0.0.1:${server.address().port}`,
        // A browser keeps idle connections open; closing them lets the server stop at once.
        stop: () => new Promise((done) => { server.close(done); server.closeAllConnections(); }),
      });
    });
  });
}
