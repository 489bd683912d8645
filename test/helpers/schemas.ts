// The strict schema validator of the tests, with its compiled validators kept where `validate` keeps them
// (.cache/validators of this checkout): a validator is compiled once, not once per test file.
import path from "node:path";
import { SchemaValidator } from "../../compiler/validate/kube-schemas";
import { REPO_ROOT } from "./fleet";

const VALIDATORS = path.join(REPO_ROOT, ".cache", "validators");

/** A new strict validator of `dir` (each has its own verdicts; the compiled schemas come from the cache). */
export const strictValidator = (dir: string) => new SchemaValidator(dir, VALIDATORS);
