import { serveRequests } from "../threads/thread.ts";
import { surveyArticles, type SurveyReply, type SurveyRequest } from "./article-survey.ts";

serveRequests<SurveyRequest, SurveyReply>(({ contentDir, mayBeMissing }, reply) => {
  const { paths, diagnostics, stats } = surveyArticles(contentDir, mayBeMissing);
  reply({ paths: paths.join("\0"), diagnostics, stats });
});
