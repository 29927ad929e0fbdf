import { describe, expect, it } from "vitest";
import { clientIp, isSecureRequest } from "./client-ip";

const headers = (init: Record<string, string>) => new Headers(init);

describe("clientIp", () => {
  it("uses the socket peer our server sets, ignoring a forged X-Forwarded-For", () => {
    const h = headers({ "x-slipway-peer": "198.51.100.4", "x-forwarded-for": "1.2.3.4" });
    expect(clientIp(h, false)).toBe("198.51.100.4");
  });

  it("strips the IPv4-mapped IPv6 prefix", () => {
    expect(clientIp(headers({ "x-slipway-peer": "::ffff:127.0.0.1" }), false)).toBe("127.0.0.1");
    expect(clientIp(headers({ "x-slipway-peer": "2001:db8::1" }), false)).toBe("2001:db8::1");
  });

  it("behind a trusted proxy, takes the first X-Forwarded-For entry (the original client)", () => {
    const h = headers({ "x-slipway-peer": "10.0.0.2", "x-forwarded-for": "203.0.113.5, 10.0.0.9" });
    expect(clientIp(h, true)).toBe("203.0.113.5");
  });

  it("behind a trusted proxy that sent no X-Forwarded-For, falls back to the peer", () => {
    expect(clientIp(headers({ "x-slipway-peer": "10.0.0.2" }), true)).toBe("10.0.0.2");
  });

  it("without our server in front, takes the last X-Forwarded-For entry (the one the nearest hop added)", () => {
    expect(clientIp(headers({ "x-forwarded-for": "6.6.6.6, 192.0.2.44" }), false)).toBe("192.0.2.44");
  });

  it("is null when nothing says where the caller is", () => {
    expect(clientIp(headers({}), false)).toBeNull();
    expect(clientIp(headers({ "x-slipway-peer": "", "x-forwarded-for": " , " }), true)).toBeNull();
  });
});

describe("isSecureRequest", () => {
  it("is true for an https URL", () => {
    expect(isSecureRequest("https://panel.example.com/api/trpc", headers({}), false)).toBe(true);
  });

  it("believes X-Forwarded-Proto only from a trusted proxy", () => {
    const h = headers({ "x-forwarded-proto": "https" });
    expect(isSecureRequest("http://panel.example.com/", h, true)).toBe(true);
    expect(isSecureRequest("http://panel.example.com/", h, false)).toBe(false);
  });

  it("reads the first entry of a list of protocols", () => {
    expect(isSecureRequest("http://x/", headers({ "x-forwarded-proto": "http, https" }), true)).toBe(false);
    expect(isSecureRequest("http://x/", headers({ "x-forwarded-proto": " https ,http" }), true)).toBe(true);
  });
});
