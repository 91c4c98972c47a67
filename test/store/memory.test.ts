import t from "tap";
import { MemoryStore } from "../../src/store/memory.js";
import { storeConformance } from "../helpers/conformance.js";

storeConformance(t, () => new MemoryStore());
