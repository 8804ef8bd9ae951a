// Contrail's service worker: shows Web Push notifications and opens the notifications page
// when one is clicked. Registered by islands/PushToggle.tsx with scope /static/.
/// <reference lib="webworker" />

self.addEventListener("push", (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : "" };
  }
  event.waitUntil(
    self.registration.showNotification(message.title || "Contrail", {
      body: message.body || "",
      tag: message.id,
      icon: "/static/favicon.svg",
      data: { url: "/account/notifications" },
    }),
  );
});

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const url = (event.notification.data && event.notification.data.url) ||
    "/account/notifications";
  event.waitUntil(self.clients.openWindow(url));
});
