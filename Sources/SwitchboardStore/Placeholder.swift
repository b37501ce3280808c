public enum SwitchboardStore {}
