// Policy Desk console: small conveniences only; every page works without it.
document.addEventListener('DOMContentLoaded', () => {
  // Show the latest exchange of the conversation.
  const history = document.querySelector('.history');
  if (history) history.lastElementChild?.scrollIntoView({ block: 'end' });

  // A form sent once stays sent: its buttons are disabled until the next page.
  for (const form of document.querySelectorAll('form[method="post"]')) {
    form.addEventListener('submit', () => {
      setTimeout(() => {
        for (const button of form.querySelectorAll('button[type="submit"]')) {
          button.disabled = true;
          button.setAttribute('aria-busy', 'true');
        }
      }, 0);
    });
  }
});
