/** The window's component tests: each test's DOM is cleaned up after it. */
import { afterEach } from "vitest";
import { cleanup } from "@testing-library/react";

afterEach(() => cleanup());
