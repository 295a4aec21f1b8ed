import { describe, expect, it } from "vitest";
import { call, callError } from "../../../test/support/expression-kit.js";
import { evaluate, evaluateValue } from "../index.js";
import { BinaryValue, XmlValue } from "../values.js";

const text = (value: unknown): string => new TextDecoder().decode((value as BinaryValue).bytes);
const binaryOf = (s: string, type?: string): BinaryValue =>
  new BinaryValue(new TextEncoder().encode(s), type);
const octets = { "$content-type": "application/octet-stream", $content: "aGVsbG8=" };

describe("documented examples (ADF page)", () => {
  it.each([
    ["@base64('hello')", "aGVsbG8="],
    ["@base64ToString('aGVsbG8=')", "hello"],
    ["@decodeBase64('aGVsbG8=')", "hello"],
    ["@dataUri('hello')", "data:text/plain;charset=utf-8;base64,aGVsbG8="],
    ["@dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8=')", "hello"],
    // The page prints "https://contoso.com" and "http%3A..." here: typos (the input has no 's').
    ["@decodeUriComponent('http%3A%2F%2Fcontoso.com')", "http://contoso.com"],
    ["@encodeUriComponent('https://contoso.com')", "https%3A%2F%2Fcontoso.com"],
    ["@uriComponent('https://contoso.com')", "https%3A%2F%2Fcontoso.com"],
    ["@uriComponentToString('http%3A%2F%2Fcontoso.com')", "http://contoso.com"],
  ])("%s is %j", (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  // The page shows these results as bit strings of the *input* text; ADF's engine returns
  // binary content, which Sluice returns as {"$content-type", "$content"} (see the docs).
  it("base64ToBinary('aGVsbG8=') is the binary content 'hello'", () => {
    expect(evaluate("@base64ToBinary('aGVsbG8=')")).toEqual(octets);
    expect(text(evaluateValue("@base64ToBinary('aGVsbG8=')"))).toBe("hello");
  });

  it("binary('hello') is the UTF-8 bytes of 'hello'", () => {
    expect(evaluate("@binary('hello')")).toEqual(octets);
  });

  it.each(["dataUriToBinary", "decodeDataUri"])(
    "%s('data:text/plain;charset=utf-8;base64,aGVsbG8=') is 'hello' as text/plain",
    (fn) => {
      expect(evaluate(`@${fn}('data:text/plain;charset=utf-8;base64,aGVsbG8=')`)).toEqual({
        "$content-type": "text/plain;charset=utf-8",
        $content: "aGVsbG8=",
      });
    },
  );

  it("uriComponentToBinary('http%3A%2F%2Fcontoso.com') is the bytes of 'http://contoso.com'", () => {
    expect(text(call("uriComponentToBinary", "http%3A%2F%2Fcontoso.com"))).toBe(
      "http://contoso.com",
    );
  });

  it("the URL-encoding recipe from the page removes a line feed", () => {
    const scope = { variables: { companyName: "Contoso-\nCorporation" } };
    expect(
      evaluate(
        "@uriComponentToString(replace(uriComponent(variables('companyName')), '%0A', ''))",
        scope,
      ),
    ).toBe("Contoso-Corporation");
  });
});

describe("base64", () => {
  it("encodes UTF-8 and round-trips", () => {
    expect(call("base64", "")).toBe("");
    expect(call("base64", "é€😀")).toBe("w6nigqzwn5iA");
    expect(call("base64ToString", "w6nigqzwn5iA")).toBe("é€😀");
    expect(evaluate("@base64ToString(base64('test'))")).toBe("test");
    expect(call("base64", binaryOf("hi"))).toBe("aGk=");
  });

  it("reads base64 as .NET does: white space ignored, padding required", () => {
    expect(call("base64ToString", "aGVs bG8=\n")).toBe("hello");
    for (const bad of ["aGVsbG8", "aGVsbG8==", "a$==", "aGVsbG8=a", "====", "a"]) {
      expect(callError("base64ToString", bad), bad).toBe("ExpressionArgumentValue");
      expect(callError("base64ToBinary", bad), bad).toBe("ExpressionArgumentValue");
    }
    expect(() => call("base64ToString", "a$==")).toThrow(/'a\$=='/);
  });

  it("turns invalid UTF-8 into U+FFFD", () => {
    expect(evaluate("@{base64ToBinary('test')}")).toBe("\uFFFD\uFFFD-");
  });

  it("rejects non-strings", () => {
    expect(callError("base64", null)).toBe("ExpressionArgumentType");
    expect(callError("base64", 1)).toBe("ExpressionArgumentType");
    expect(callError("base64ToString", null)).toBe("ExpressionArgumentType");
    expect(callError("decodeBase64", 1)).toBe("ExpressionArgumentType");
  });
});

describe("binary", () => {
  it("is UTF-8 bytes; string() of it is the text again", () => {
    expect(evaluate("@string(binary('héllo'))")).toBe("héllo");
    expect(evaluate("@binary('123asdf?a=b%20c%2F')")).toEqual({
      "$content-type": "application/octet-stream",
      $content: "MTIzYXNkZj9hPWIlMjBjJTJG",
    });
    expect(call("binary", "")).toEqual(new BinaryValue(new Uint8Array(0)));
    expect(text(call("binary", 12))).toBe("12");
  });

  it("rejects null", () => {
    expect(callError("binary", null)).toBe("ExpressionArgumentType");
  });
});

describe("data URIs", () => {
  it("dataUri carries the content type of binary and XML content", () => {
    expect(call("dataUri", binaryOf("hi", "image/png"))).toBe("data:image/png;base64,aGk=");
    expect(call("dataUri", new XmlValue("<a />"))).toBe(
      "data:application/xml;charset=utf-8;base64,PGEgLz4=",
    );
    expect(call("dataUri", "")).toBe("data:text/plain;charset=utf-8;base64,");
    expect(callError("dataUri", null)).toBe("ExpressionArgumentType");
  });

  it("reads URL-encoded data URIs and a missing media type", () => {
    expect(call("dataUriToString", "data:,A%20brief+note")).toBe("A brief note");
    // Logic Apps' engine: no media type gives text/plain; `data:base64,` is base64.
    expect(call("dataUriToBinary", "data:,hi")).toEqual(binaryOf("hi", "text/plain"));
    expect(call("dataUriToBinary", "DATA:;base64,aGk=")).toEqual(binaryOf("hi", "text/plain"));
    expect(call("dataUriToBinary", "data:base64,aGk=")).toEqual(binaryOf("hi", "text/plain"));
  });

  it("decodes text as UTF-8; a leading charset must be UTF-8, a later one is ignored", () => {
    expect(call("dataUriToString", "data:text/plain;a=b;charset=iso-8859-1;base64,w6k=")).toBe("é");
    expect(callError("dataUriToString", "data:text/plain;charset=iso-8859-1;base64,6Q==")).toBe(
      "ExpressionArgumentValue",
    );
  });

  it("checks the media type and parameters for binary only", () => {
    for (const bad of [
      "data:badmime;charset=utf-8,x",
      "data:text/plain/epic,x",
      "data:text/plain;a=b=c,x",
      "data:text/plain;charset=martian;base64,aGk=",
    ]) {
      expect(callError("dataUriToBinary", bad), bad).toBe("ExpressionArgumentValue");
    }
    expect(call("dataUriToString", "data:badmime;charset=utf-8,x")).toBe("x");
  });

  it("rejects what is not a data URI", () => {
    for (const bad of [
      "hello",
      "data:text/plain;base64",
      "data:;base64,***",
      "data:,%zz",
      "data:;;base64,aGk=",
      "data:;,hi",
    ]) {
      expect(callError("dataUriToBinary", bad), bad).toBe("ExpressionArgumentValue");
      expect(callError("dataUriToString", bad), bad).toBe("ExpressionArgumentValue");
    }
    expect(callError("dataUriToString", "data:text/plain;charset=klingon,hi")).toBe(
      "ExpressionArgumentValue",
    );
    expect(callError("decodeDataUri", 5)).toBe("ExpressionArgumentType");
  });

  it("round-trips through dataUri", () => {
    expect(evaluate("@dataUriToString(dataUri('héllo wörld'))")).toBe("héllo wörld");
  });
});

describe("URI components", () => {
  it("escapes all but letters, digits and -_.~ like .NET's Uri.EscapeDataString", () => {
    expect(call("uriComponent", "a b!'()*-_.~é/?#&=+")).toBe(
      "a%20b%21%27%28%29%2A-_.~%C3%A9%2F%3F%23%26%3D%2B",
    );
    expect(call("uriComponent", "😀")).toBe("%F0%9F%98%80");
    expect(call("uriComponent", "")).toBe("");
  });

  it("decodes any case of hex and UTF-8 sequences, and leaves '+' alone", () => {
    expect(call("uriComponentToString", "a%20b%c3%A9+c")).toBe("a bé+c");
    expect(call("decodeUriComponent", "%F0%9F%98%80")).toBe("😀");
    expect(evaluate("@decodeUriComponent(encodeUriComponent('x/y z'))")).toBe("x/y z");
  });

  it("rejects malformed escapes and invalid UTF-8 with ExpressionArgumentValue", () => {
    for (const bad of ["%", "%2", "%zz", "%C3", "%FF"]) {
      expect(callError("uriComponentToString", bad), bad).toBe("ExpressionArgumentValue");
      expect(callError("decodeUriComponent", bad), bad).toBe("ExpressionArgumentValue");
    }
    expect(() => call("uriComponentToString", "%zz")).toThrow(/'%zz'/);
    expect(text(call("uriComponentToBinary", "%FF%41"))).toBe("\uFFFDA");
    expect(callError("uriComponentToBinary", "%G1")).toBe("ExpressionArgumentValue");
  });

  it("rejects non-strings", () => {
    expect(callError("uriComponent", null)).toBe("ExpressionArgumentType");
    expect(callError("encodeUriComponent", 1)).toBe("ExpressionArgumentType");
    expect(callError("uriComponentToString", [])).toBe("ExpressionArgumentType");
  });
});
