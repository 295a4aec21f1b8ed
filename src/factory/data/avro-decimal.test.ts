import { describe, expect, it } from "vitest";
import { decimalText } from "./avro-columns.js";
import { decimalBytes } from "./avro-write.js";

describe("Avro decimals (big-endian two's complement, unscaled)", () => {
  it("encodes in the fewest bytes and decodes back", () => {
    expect(decimalBytes("1.27", 2)).toEqual(Buffer.from([0x7f]));
    expect(decimalBytes("1.28", 2)).toEqual(Buffer.from([0x00, 0x80]));
    expect(decimalBytes("-1.28", 2)).toEqual(Buffer.from([0x80]));
    expect(decimalBytes("-1.29", 2)).toEqual(Buffer.from([0xff, 0x7f]));
    expect(decimalBytes("0", 3)).toEqual(Buffer.from([0x00]));
    for (const text of ["0.000", "123.456", "-0.200", "99999999999999999999999999.999"]) {
      expect(decimalText(decimalBytes(text, 3), 3)).toBe(text);
    }
    expect(decimalText(Buffer.from([0x04, 0xd2]), 0)).toBe("1234");
    expect(decimalText(Buffer.alloc(0), 2)).toBe("0");
  });
});
