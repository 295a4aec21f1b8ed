import { describe, expect, it } from "vitest";
import { BatchError } from "../batch/index.js";
import { createHttpServer } from "./http-server.js";

const token = "t0ken";
const auth = { authorization: `Bearer ${token}` };

function server() {
  return createHttpServer({
    token,
    bodyLimit: 1024,
    routes: [
      (app) => {
        app.post("/echo", async (request) => request.body);
        app.get("/boom", async () => {
          throw new Error("secret internals");
        });
        app.get("/missing-pool", async () => {
          throw new BatchError("PoolNotFound", "The pool 'p1' does not exist.");
        });
      },
    ],
  });
}

describe("createHttpServer", () => {
  it("answers malformed JSON with Batch's InvalidRequestBody and changes nothing", async () => {
    const response = await server().inject({
      method: "POST",
      url: "/echo",
      headers: { ...auth, "content-type": "application/json" },
      payload: "{nope",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: "InvalidRequestBody",
      message: { lang: "en-US" },
    });
  });

  it("answers a body over the limit with RequestBodyTooLarge", async () => {
    const response = await server().inject({
      method: "POST",
      url: "/echo",
      headers: { ...auth, "content-type": "application/json" },
      payload: JSON.stringify({ x: "y".repeat(2000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: "RequestBodyTooLarge" });
  });

  it("passes a Batch error code and status through", async () => {
    const response = await server().inject({ method: "GET", url: "/missing-pool", headers: auth });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      code: "PoolNotFound",
      message: { lang: "en-US", value: "The pool 'p1' does not exist." },
    });
  });

  it("hides the internals of an unexpected failure", async () => {
    const response = await server().inject({ method: "GET", url: "/boom", headers: auth });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain("secret");
  });

  it("takes an empty JSON body as no body", async () => {
    const response = await server().inject({
      method: "POST",
      url: "/echo",
      headers: { ...auth, "content-type": "application/json" },
      payload: "",
    });
    expect(response.statusCode).toBe(200);
  });

  it("echoes a good body with the token", async () => {
    const response = await server().inject({
      method: "POST",
      url: "/echo",
      headers: auth,
      payload: { a: 1 },
    });
    expect(response.json()).toEqual({ a: 1 });
  });
});
