// A minimal server-sent events client for benchmarks: reads the raw text/event-stream over one
// loopback connection and hands each event to a callback as it completes.
import http from "node:http";

/**
 * GETs `url` and calls `onEvent({ event, id, data })` for every event (`event` is "message" unless
 * named; `data` joins the event's data lines with "\n"). Resolves { status, events, bytes } when the
 * server ends the stream, `stop()` is called (the callback may return "stop" too) or `timeoutMs`
 * passes (then `timedOut` is set). Rejects on a non-200 answer or a connection error.
 */
export function readEventStream(url, { headers = {}, onEvent, onFirstByte, timeoutMs }) {
  let req;
  let finish;
  const result = { status: 0, events: 0, bytes: 0, timedOut: false, stopped: false };
  const done = new Promise((resolve, reject) => {
    let settled = false;
    finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req?.destroy();
      if (error) reject(error);
      else resolve(result);
    };
    const timer = setTimeout(() => {
      result.timedOut = true;
      finish();
    }, timeoutMs);
    req = http.request(url, { headers: { accept: "text/event-stream", ...headers }, agent: false }, (res) => {
      result.status = res.statusCode;
      if (res.statusCode !== 200) {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => finish(new Error(`${url}: HTTP ${res.statusCode}: ${body.slice(0, 300)}`)));
        return;
      }
      res.setEncoding("utf8");
      let text = "";
      let scanFrom = 0;
      res.on("data", (chunk) => {
        if (result.bytes === 0) onFirstByte?.();
        result.bytes += chunk.length;
        text += chunk;
        for (;;) {
          const end = text.indexOf("\n\n", scanFrom);
          if (end === -1) {
            scanFrom = Math.max(0, text.length - 1);
            return;
          }
          const block = text.slice(0, end);
          text = text.slice(end + 2);
          scanFrom = 0;
          const event = parseEvent(block);
          if (!event) continue;
          result.events += 1;
          try {
            if (onEvent(event) === "stop") {
              result.stopped = true;
              finish();
              return;
            }
          } catch (error) {
            finish(error);
            return;
          }
        }
      });
      res.on("end", () => finish());
      res.on("error", (error) => finish(error));
    });
    req.on("error", (error) => finish(error));
    req.end();
  });
  return {
    done,
    stop: () => {
      result.stopped = true;
      finish();
    },
  };
}

/** One event block ("field: value" lines); null for a block of comments only. */
function parseEvent(block) {
  let event = "message";
  let id = null;
  const data = [];
  let fields = 0;
  for (const line of block.split("\n")) {
    if (line === "" || line.startsWith(":")) continue;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    fields += 1;
    if (field === "event") event = value;
    else if (field === "id") id = value;
    else if (field === "data") data.push(value);
  }
  return fields ? { event, id, data: data.join("\n") } : null;
}
