// Unit tests call domain code directly: the public suffix list it imports on first need is loaded once here.
import { loadSuffixes } from '../../worker/identity/domain';

await loadSuffixes();
