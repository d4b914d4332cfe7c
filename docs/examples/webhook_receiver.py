#!/usr/bin/env python3
"""A webhook receiver (Python standard library only) that verifies Standard Webhooks signatures.

    python3 docs/examples/webhook_receiver.py <whsec_… secret> [port]

Prints one line per delivery; answers 204 when the signature verifies, 401 otherwise (Ecosystem then dead-letters it).
"""
import base64, hashlib, hmac, http.server, json, sys, time

KEY = base64.b64decode(sys.argv[1].removeprefix("whsec_"))
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 9000
seen = set()  # webhook-ids handled: delivery is at least once, so drop repeats


def verified(headers, body: bytes) -> bool:
    msg_id, timestamp = headers["webhook-id"], headers["webhook-timestamp"]
    if abs(time.time() - int(timestamp)) > 300:  # refuse replays of old requests
        return False
    signed = f"{msg_id}.{timestamp}.".encode() + body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest()).decode()
    return any(hmac.compare_digest(expected, s.split(",", 1)[1])
               for s in headers["webhook-signature"].split() if s.startswith("v1,"))


class Receiver(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if not verified(self.headers, body):
            print("signature does NOT verify:", self.headers["webhook-id"], flush=True)
            self.send_response(401)
        else:
            event = json.loads(body)
            repeat = " (repeat, ignored)" if self.headers["webhook-id"] in seen else ""
            seen.add(self.headers["webhook-id"])
            print(f"verified #{int(event['sequence'])} {event['type']} subject={event['subject']}{repeat}", flush=True)
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


http.server.HTTPServer(("127.0.0.1", PORT), Receiver).serve_forever()
