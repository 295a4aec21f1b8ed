import { describe, expect, it } from "vitest";
import { checkApplicationId, checkVersion, packageEnvironmentName } from "./package-names.js";

describe("application package names", () => {
  it("names the folder variables as Batch documents for Linux nodes", () => {
    // "Azure Batch runtime environment variables", AZ_BATCH_APP_PACKAGE.
    expect(packageEnvironmentName("Agent-linux-x64", "1.1.46.0")).toBe(
      "AZ_BATCH_APP_PACKAGE_agent_linux_x64_1_1_46_0",
    );
    expect(packageEnvironmentName("blender")).toBe("AZ_BATCH_APP_PACKAGE_blender");
  });

  it("refuses ids and versions Batch would refuse, naming the field", () => {
    expect(checkApplicationId("ffmpeg_6")).toBe("ffmpeg_6");
    expect(() => checkApplicationId("a/b")).toThrow(/applicationId 'a\/b' is not valid/);
    expect(() => checkApplicationId("x".repeat(65))).toThrow(/is not valid/);
    expect(checkVersion("1.2.3-beta_1")).toBe("1.2.3-beta_1");
    expect(() => checkVersion("..")).toThrow(/version '..' is not valid/);
    expect(() => checkVersion("1/2")).toThrow(/is not valid/);
  });
});
