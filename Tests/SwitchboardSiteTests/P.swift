import Testing
@Test func placeholderSite() {}
