package io.codinspect.client;

/**
 * Answers as the control plane writes them (its records serialized by Spring's Jackson, nulls
 * included), with a field added later here and there, which the client must ignore.
 */
final class ServerShapes {

    static final String SESSION_ID = "0d7b6c8e-1f2a-4b3c-8d9e-0a1b2c3d4e5f";
    static final String PROMPT_ID = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
    static final String USER_ID = "11111111-2222-4333-8444-555555555555";

    static final String SESSION = """
            {"id":"%s","status":"awaiting_repository","repository":null,"baseBranch":null,
             "branch":"codinspect/0d7b6c8e","title":"Fix the flaky checkout test","model":"anthropic/claude-sonnet-4-5",
             "reasoningEffort":"high","createdBy":"%s","createdAt":"2024-04-05T19:34:38.123456Z",
             "updatedAt":"2024-04-05T19:34:38.123456Z","lastActivityAt":"2024-04-05T19:35:01.5Z","lastSeq":0,
             "externalKey":"slack:T1/C2/1712345678.000100","createdVia":"slack",
             "botData":{"statusTs":"1712345679.000200"},"webUrl":"https://ci.acme.com/sessions/%s",
             "fieldAddedLater":[1,2,3]}""".formatted(SESSION_ID, USER_ID, SESSION_ID);

    static final String PROMPT = """
            {"id":"%s","sessionId":"%s","status":"queued","position":0,
             "author":{"id":"%s","name":"Ada Lovelace","login":null,"email":"ada@acme.com"},
             "content":"Make the checkout test reliable","model":null,"reasoningEffort":null,
             "clientRequestId":"slack:Ev0123","error":null,"waiting":"2 prompts already run for you",
             "createdAt":"2024-04-05T19:34:38.123456Z","startedAt":null,"finishedAt":null,"source":"slack",
             "sourceUrl":"https://acme.slack.com/archives/C2/p1712345678000100",
             "context":[{"title":"Earlier messages in the Slack thread","content":"ada: it fails on CI","trusted":false}],
             "createdVia":"slack","botData":{"reaction":"eyes"}}""".formatted(PROMPT_ID, SESSION_ID, USER_ID);

    static final String RESOLVED = """
            {"userId":"%s","name":"Ada Lovelace","login":null,"email":"ada@acme.com","created":true,"linked":true}""".formatted(USER_ID);

    static final String SUBSCRIPTION = """
            {"id":"7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d","url":"https://slack-bot.internal/notifications",
             "kinds":["prompt.finished","prompt.started"],"secret":"whsec_s3cr3tS3cr3t","createdAt":"2024-04-05T19:34:38Z"}""";

    static final String PULL_REQUEST = """
            {"number":42,"url":"https://github.com/acme/shop/pull/42","state":"draft",
             "branch":"codinspect/0d7b6c8e","openedBy":"ada"}""";

    static final String REPOS = """
            [{"fullName":"acme/shop","owner":"acme","name":"shop","isPrivate":true,"defaultBranch":"develop"}]""";

    static final String MODELS = """
            [{"id":"anthropic/claude-sonnet-4-5","provider":"anthropic","providerName":"Anthropic",
              "model":"claude-sonnet-4-5","isDefault":true}]""";

    static final String PREFERENCES = """
            {"model":"anthropic/claude-sonnet-4-5","reasoningEffort":null,"baseBranches":{"acme/shop":"develop"}}""";

    static final String ME = """
            {"id":"%s","name":"Ada Lovelace","email":"ada@acme.com","login":"ada","role":"admin",
             "createdAt":"2024-04-05T19:34:38Z","disabledAt":null}""".formatted(USER_ID);

    private ServerShapes() {}
}
