import Fluent

/// Every migration in order. Append only: a shipped migration is never edited, a change is a new step.
enum GongkaiMigrations {
    static let all: [any Migration] = [
        M0001CreateSites(),
        M0002CreateOrgUnits(),
        M0003CreateUsers(),
        M0004CreateUserSessions(),
        M0005CreateAPITokens(),
        M0006CreateLoginThrottles(),
        M0007CreateAuditEvents(),
        M0008CreateCalendarYears(),
        M0009CreateCatalogs(),
        M0010CreateDomainGuides(),
        M0011CreateWorkPlans(),
        M0012CreateSensitiveWords(),
        M0013CreatePublications(),
        M0014CreateGuideTexts(),
        M0015RebuildSearchIndex(),
        M0016CreateDisclosureRequests(),
        M0017CreateRequestLetters(),
        M0018CreateApplicantMails(),
        M0019AddWebhookAllowedHosts(),
        M0020AddSiteIdentity(),
        M0021AddCatalogLayout(),
        M0022AddListIndexes(),
        M0023CreateDutyLists(),
        M0024AddServiceContacts(),
        M0025CreateServiceGuides(),
    ]
}
