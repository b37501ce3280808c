public enum SwitchboardSite {}
