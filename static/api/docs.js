// The API's docs page: Swagger UI on our OpenAPI schema, from our own static files.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  if (typeof window.SwaggerUIBundle !== "function") {
    return; // the bundle did not load: the page keeps its link to the schema
  }
  window.SwaggerUIBundle({
    url: document.body.dataset.schemaUrl,
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null, // no badge fetched from another site
    layout: "BaseLayout",
  });
});
