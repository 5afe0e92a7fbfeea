/**
 * A part of a page that fails to draw says so and offers a way back; the rest of the page
 * stays. Whatever an account holds, a screen never goes blank: the account's own check
 * leaves out what makes no sense, and this catches what still slips through. It tries
 * again by itself when the account changes (a repair, the other laptop's next edit).
 */
import { Component, type ErrorInfo, type ReactNode } from "react";
import { Alert, Button, Group, Text } from "@mantine/core";

export interface SectionBoundaryProps {
  /** The part of the page, as people name it ("Commitments"). */
  name: string;
  /** When this changes (e.g. the account after a change), a failed part is drawn again. */
  resetKey?: unknown;
  children: ReactNode;
}

export class SectionBoundary extends Component<SectionBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`${this.props.name} could not be drawn`, error, info.componentStack);
  }

  override componentDidUpdate(prev: SectionBoundaryProps): void {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <Alert color="red" variant="light" role="alert" title={`${this.props.name} could not be shown`}>
        <Text size="sm">
          Something here could not be drawn ({error.message.slice(0, 200)}). The rest of the page still works, and nothing was changed.
        </Text>
        <Group mt="xs">
          <Button size="xs" variant="light" color="red" onClick={() => this.setState({ error: null })}>
            Try again
          </Button>
        </Group>
      </Alert>
    );
  }
}
