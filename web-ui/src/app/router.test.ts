import { describe, expect, it } from "vitest";
import { parse } from "./router";

describe("parse", () => {
  it("knows the pages", () => {
    expect(parse("/")).toEqual({ page: "home" });
    expect(parse("/settings")).toEqual({ page: "settings" });
    expect(parse("/usage")).toEqual({ page: "usage" });
    expect(parse("/sessions/0B7E4A5C-1111-4222-8333-944445555666")).toEqual({ page: "session", id: "0b7e4a5c-1111-4222-8333-944445555666" });
  });
  it("calls anything else missing", () => {
    expect(parse("/usage/extra")).toEqual({ page: "missing" });
  });
});
