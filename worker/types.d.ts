// ES2024 (workerd and Node 20 have it; the ES2022 lib does not declare it).
interface String {
  isWellFormed(): boolean;
  toWellFormed(): string;
}
