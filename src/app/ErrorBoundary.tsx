import { Component, type ReactNode } from 'react';

interface Props {
  /** Where the error happened, in the user's words ("this cell", "the notebook page"). */
  area: string;
  children: ReactNode;
}

/** Keeps one broken part of the page from taking the rest (and the user's work) down with it. */
export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  componentDidCatch(error: Error) {
    console.error(`Layerbook: error in ${this.props.area}`, error);
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" className="banner banner-error">
        <strong>Something went wrong in {this.props.area}.</strong> {error.message}. Your notebook is saved up to your last change.{' '}
        <button type="button" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
