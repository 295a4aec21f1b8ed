import { describe, expect, it } from "vitest";
import { SluiceError } from "../../core/index.js";
import { adfErrorReply } from "./adf-error-reply.js";

describe("adfErrorReply", () => {
  it("answers bad run parameters with a 400 listing each problem", () => {
    const problems = [
      "parameter 'date' (String) is required: it has no default and no value was given",
    ];
    const reply = adfErrorReply(
      new SluiceError(
        "PipelineParameterInvalid",
        `Parameters of pipeline 'Load' are not valid: ${problems[0]}.`,
        {
          details: { problems },
        },
      ),
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({
      code: "BadRequest",
      message: `Parameters of pipeline 'Load' are not valid: ${problems[0]}.`,
      details: [{ code: "PipelineParameterInvalid", message: problems[0] }],
    });
  });

  it("keeps a factory problem's file and JSON path as its target", () => {
    const reply = adfErrorReply(
      new SluiceError("FactoryInvalid", "The factory is not valid.", {
        details: {
          problems: [
            {
              code: "UnknownActivityType",
              message: "no such type",
              file: "pipeline/p.json",
              jsonPath: "$.properties",
            },
          ],
        },
      }),
    );
    expect(reply.body.error.details).toEqual([
      {
        code: "UnknownActivityType",
        message: "no such type",
        target: "pipeline/p.json:$.properties",
      },
    ]);
  });
});
