import t from "tap";
import { MemoryStore } from "../../../src/stub/store/memory.js";
import { storeConformance } from "../../helpers/conformance.js";

storeConformance(t, () => new MemoryStore());
